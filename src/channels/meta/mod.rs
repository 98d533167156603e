//! Meta's platforms: webhook payloads, their signature, and the Graph API
//! client that sends replies. (Filled in by the meta-channels work.)
