//! Graph API error codes of WhatsApp sends, in plain words for the person
//! who sent: what happened and what to do. Codes from Meta's WhatsApp
//! error-code reference.

/// What `code` means for a person's send, when it is one a person can act on.
pub fn plain_words(code: i64) -> Option<&'static str> {
    Some(match code {
        131047 => "the 24-hour window is closed: WhatsApp takes only a template until the customer writes again",
        132000 => "the template's parameters do not match what WhatsApp Manager has registered (number of parameters): fix flows/templates.toml",
        132001 => "WhatsApp has no approved template of that name in that language: check the name and language code in flows/templates.toml against WhatsApp Manager",
        132005 => "the filled-in template is too long for WhatsApp: shorten the values",
        132007 => "WhatsApp refused the template's content under its format or content policy",
        132012 => "the parameter values are not in the format the template was registered with (named or positional)",
        132015 => "the template is paused by WhatsApp for low quality: wait a few hours or use another template",
        132016 => "the template is disabled by WhatsApp (paused too often): the brand must register a new one",
        131026 => "WhatsApp could not deliver the message (the number may not be on WhatsApp, or the app is too old): reach the customer another way",
        131051 => "WhatsApp does not support this kind of message",
        131056 | 130429 => "WhatsApp's sending limit was reached: try again in a minute",
        _ => return None,
    })
}

/// A `failed` status with this code says Meta took the message and could
/// not pass it on for a reason of its own (a temporary error, a rate
/// limit): sending it again a little later may work. Other codes (the
/// window closed, a number not on WhatsApp, a refused template) fail again.
pub fn worth_sending_again(code: i64) -> bool {
    // 1, 2: temporary API errors; 130429, 131056: rate limits; 131000:
    // "something went wrong"; 131016, 133004: service unavailable.
    matches!(code, 1 | 2 | 130429 | 131000 | 131016 | 131056 | 133004)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_temporary_failures_are_worth_sending_again() {
        assert!(worth_sending_again(131000));
        assert!(worth_sending_again(130429));
        assert!(!worth_sending_again(131047), "the window closed: a template is needed");
        assert!(!worth_sending_again(131026), "undeliverable");
    }
}
