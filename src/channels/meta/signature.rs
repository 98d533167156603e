//! The `X-Hub-Signature-256` check on webhook bodies, and the signer tests and load tools use.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The header Meta signs webhook POSTs with.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

const PREFIX: &str = "sha256=";
const DIGEST_LEN: usize = 32;

/// Why a webhook body's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("missing X-Hub-Signature-256 header")]
    Missing,
    #[error("X-Hub-Signature-256 does not start with `sha256=`")]
    NotSha256,
    #[error("X-Hub-Signature-256 is not hex: {0}")]
    NotHex(String),
    #[error("X-Hub-Signature-256 has {0} hex digits, expected 64")]
    WrongLength(usize),
    #[error("X-Hub-Signature-256 does not match the body")]
    Mismatch,
}

/// Checks `header` (the value of `X-Hub-Signature-256`) against the HMAC-SHA256 of the raw
/// `body` keyed with the app secret.
///
/// The body must be the bytes as received: Meta signs its own escaped-unicode serialisation, so
/// a re-serialised body would not match.
pub fn verify_signature(app_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let hex_digest = header.trim().strip_prefix(PREFIX).ok_or(SignatureError::NotSha256)?;
    if hex_digest.len() != 2 * DIGEST_LEN {
        return Err(SignatureError::WrongLength(hex_digest.len()));
    }
    let mut expected = [0u8; DIGEST_LEN];
    hex::decode_to_slice(hex_digest, &mut expected).map_err(|e| SignatureError::NotHex(e.to_string()))?;
    // `verify_slice` compares in constant time, so the check leaks nothing of the right digest.
    mac(app_secret, body).verify_slice(&expected).map_err(|_| SignatureError::Mismatch)
}

/// The `X-Hub-Signature-256` value Meta would send with `body`: `sha256=<lowercase hex>`.
pub fn sign(app_secret: &[u8], body: &[u8]) -> String {
    format!("{PREFIX}{}", hex::encode(mac(app_secret, body).finalize().into_bytes()))
}

fn mac(app_secret: &[u8], body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(app_secret).expect("HMAC takes a key of any length");
    mac.update(body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"app-secret";
    const BODY: &[u8] = br#"{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"\u00e9t\u00e9"}}]}]}"#;

    #[test]
    fn a_signature_made_by_sign_verifies() {
        let header = sign(SECRET, BODY);
        assert!(header.starts_with("sha256="));
        assert_eq!(header.len(), 7 + 64);
        assert_eq!(verify_signature(SECRET, BODY, Some(&header)), Ok(()));
    }

    #[test]
    fn sign_matches_a_known_hmac_sha256_vector() {
        // RFC 4231, test case 2.
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn uppercase_hex_is_accepted() {
        let header = sign(SECRET, BODY).to_uppercase().replace("SHA256=", "sha256=");
        assert_eq!(verify_signature(SECRET, BODY, Some(&header)), Ok(()));
    }

    #[test]
    fn a_missing_header_is_refused() {
        assert_eq!(verify_signature(SECRET, BODY, None), Err(SignatureError::Missing));
    }

    #[test]
    fn the_old_sha1_form_is_refused() {
        let header = sign(SECRET, BODY).replace("sha256=", "sha1=");
        assert_eq!(verify_signature(SECRET, BODY, Some(&header)), Err(SignatureError::NotSha256));
    }

    #[test]
    fn a_short_digest_is_refused_with_its_length() {
        let header = "sha256=abcd";
        assert_eq!(verify_signature(SECRET, BODY, Some(header)), Err(SignatureError::WrongLength(4)));
    }

    #[test]
    fn non_hex_digits_are_refused() {
        let header = format!("sha256={}", "zz".repeat(32));
        assert!(matches!(verify_signature(SECRET, BODY, Some(&header)), Err(SignatureError::NotHex(_))));
    }

    #[test]
    fn a_changed_body_does_not_match() {
        let header = sign(SECRET, BODY);
        let mut body = BODY.to_vec();
        body[10] ^= 1;
        assert_eq!(verify_signature(SECRET, &body, Some(&header)), Err(SignatureError::Mismatch));
    }

    #[test]
    fn another_secret_does_not_match() {
        let header = sign(b"other-secret", BODY);
        assert_eq!(verify_signature(SECRET, BODY, Some(&header)), Err(SignatureError::Mismatch));
    }

    #[test]
    fn a_reserialised_body_does_not_match() {
        // What a handler that parsed and re-encoded the JSON would check: the escapes are gone.
        let header = sign(SECRET, BODY);
        let value: serde_json::Value = serde_json::from_slice(BODY).unwrap();
        let reencoded = serde_json::to_vec(&value).unwrap();
        assert_ne!(reencoded, BODY);
        assert_eq!(verify_signature(SECRET, &reencoded, Some(&header)), Err(SignatureError::Mismatch));
    }
}
