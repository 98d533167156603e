//! Minutes on a wall clock: the day's length and "HH:MM" read as minutes
//! after local midnight (schedules and holiday half days both use them).

/// Minutes in a day; an interval may end at 24:00.
pub const DAY_MINUTES: u16 = 24 * 60;

/// `"08:30"` as 510; `"24:00"` only where `allow_24` (an end).
pub(super) fn parse_clock(s: &str, allow_24: bool) -> Result<u16, String> {
    let (h, m) = s.split_once(':').ok_or_else(|| format!("`{s}` is not a time like 08:30"))?;
    let h: u16 = h.parse().map_err(|_| format!("`{s}` is not a time like 08:30"))?;
    let m: u16 = m.parse().map_err(|_| format!("`{s}` is not a time like 08:30"))?;
    if m >= 60 || h > 24 || (h == 24 && (m != 0 || !allow_24)) {
        return Err(format!("`{s}` is not a time of day (00:00 to 23:59, or 24:00 as an end)"));
    }
    Ok(h * 60 + m)
}
