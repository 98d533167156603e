//! Newtypes for the identifiers the core passes around: languages, teams, intents.

use std::fmt;

/// A language code as used in `locales/<code>/` and `flows/languages.toml`
/// (ISO 639-1, lower case, e.g. `nl`, `nb`). Parsed once at the edge; after
/// that a `Lang` is always a well-formed code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 3], u8);

impl Lang {
    /// Accepts two or three ASCII letters (`en`, `nb`, `fil`), any case.
    pub fn parse(code: &str) -> Result<Self, String> {
        let code = code.trim();
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(format!("`{code}` is not a language code (two or three letters, such as `nl` or `nb`)"));
        }
        let mut buf = [0u8; 3];
        for (slot, b) in buf.iter_mut().zip(code.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        Ok(Self(buf, code.len() as u8))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0[..self.1 as usize]).unwrap_or("??")
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Lang::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The id of a care team (`benelux`), as written in `flows/teams.toml`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct TeamId(pub String);

impl fmt::Display for TeamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id of a FAQ intent (`order_status`), as written in `flows/intents.toml`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct IntentId(pub String);

impl fmt::Display for IntentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parses_codes_and_refuses_anything_else() {
        assert_eq!(Lang::parse("NL").unwrap().as_str(), "nl");
        assert_eq!(Lang::parse("fil").unwrap().as_str(), "fil");
        assert!(Lang::parse("n").is_err());
        assert!(Lang::parse("nl-BE").is_err());
        assert!(Lang::parse("n1").is_err());
    }
}
