//! Meta's platforms (Messenger, Instagram, WhatsApp): webhook payloads, their signature, and
//! the Graph API client that sends replies.

pub mod comments;
pub mod errors;
pub mod graph;
pub mod payload;
pub mod signature;

pub use graph::{split_text, GraphApiError, GraphClient, GraphSettings};
pub use payload::{parse_webhook, PayloadError};
pub use signature::{sign, verify_signature, SignatureError, SIGNATURE_HEADER};
