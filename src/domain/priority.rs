//! The handoff priority of a case: a leaf that policy, escalation and the
//! queue all read, so none of them has to import another for it.

/// Handoff priority in the care queue: urgent > complaint > other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    Complaint,
    Urgent,
}
