//! Payload bytes through the generated types: whatever the bytes,
//! `serde_json::from_slice` returns `Ok` or `Err` (deep nesting included),
//! and what parses validates, serializes and parses back unchanged.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Lists every top-level type of a generated crate once, so the fuzz target,
/// the proptest fallback and the completeness test (which compares the list
/// with the crate's `types.rs`) cannot disagree.
macro_rules! every_type {
    ($name:ident, $krate:ident, $validate:path, [$($ty:ident),* $(,)?]) => {
        pub mod $name {
            /// The types listed (for the crates that list every type, every
            /// `pub struct` and `pub enum` of their `types.rs`).
            #[allow(dead_code)] // checked only for the crates listed whole
            pub const TYPES: &[&str] = &[$(stringify!($ty)),*];

            /// The names of the types that `bytes` parses into.
            pub fn parse_each(bytes: &[u8]) -> Vec<&'static str> {
                let mut parsed = Vec::new();
                $(
                    if super::check::<$krate::$ty>(bytes, |value| <$krate::$ty as $validate>::validate(value).map_err(|e| e.to_string())) {
                        parsed.push(stringify!($ty));
                    }
                )*
                parsed
            }
        }
    };
}

every_type!(
    realtime_2025,
    realtime_types_2025,
    realtime_types_2025::Validate,
    [
        RealtimeSession,
        RealtimeSessionModalitiesItem,
        RealtimeSessionModel,
        RealtimeSessionInputAudioFormat,
        RealtimeSessionOutputAudioFormat,
        RealtimeSessionInputAudioTranscription,
        RealtimeSessionTurnDetection,
        RealtimeSessionTurnDetectionType,
        RealtimeSessionTurnDetectionEagerness,
        RealtimeSessionInputAudioNoiseReduction,
        RealtimeSessionInputAudioNoiseReductionType,
        TracingConfiguration,
        TracingConfigurationAuto,
        TracingConfigurationObject,
        RealtimeSessionToolsItem,
        RealtimeSessionToolsItemType,
        RealtimeSessionMaxResponseOutputTokens,
        RealtimeSessionMaxResponseOutputTokensInf,
        VoiceIdsShared,
    ]
);

every_type!(
    realtime_2026,
    realtime_types_2026,
    realtime_types_2026::Validate,
    [
        AudioTranscriptionResponse,
        AudioTranscriptionResponseModel,
        NoiseReductionType,
        Prompt,
        RealtimeFunctionTool,
        RealtimeFunctionToolType,
        RealtimeSession,
        RealtimeSessionObject,
        RealtimeSessionModalitiesItem,
        RealtimeSessionModel,
        RealtimeSessionInputAudioFormat,
        RealtimeSessionOutputAudioFormat,
        RealtimeSessionInputAudioNoiseReduction,
        TracingConfiguration,
        TracingConfigurationAuto,
        TracingConfigurationObject,
        RealtimeSessionMaxResponseOutputTokens,
        RealtimeSessionMaxResponseOutputTokensInf,
        RealtimeSessionIncludeItem,
        RealtimeTurnDetection,
        ServerVad,
        ServerVadType,
        SemanticVad,
        SemanticVadType,
        SemanticVadEagerness,
        ResponsePromptVariablesValue,
        VoiceIdsShared,
        PromptCacheBreakpointConfig,
        PromptCacheBreakpointConfigMode,
        InputTextContent,
        InputTextContentType,
        ImageDetail,
        InputImageContent,
        InputImageContentType,
        FileInputDetail,
        InputFileContent,
        InputFileContentType,
    ]
);

// The published crate through its entry points, which reach every one of
// its types (listing its ~500 types would be a second copy of the spec).
every_type!(
    realtime,
    realtime_types,
    realtime_types::Validate,
    [
        RealtimeSession,
        RealtimeClientEvent,
        RealtimeServerEvent,
        RealtimeBetaClientEvent,
        RealtimeBetaServerEvent,
        RealtimeSessionCreateResponse,
        RealtimeTranscriptionSessionCreateResponse,
        RealtimeCreateClientSecretResponse,
    ]
);

/// Parses `bytes` as a `T`; if that works, validates it and checks that it
/// serializes and parses back to a value that writes the same JSON, with
/// the same verdict. Returns whether `bytes` parsed.
///
/// The JSON, not the Rust value: an untagged union whose branches overlap
/// (`RealtimeAudioFormats`: three objects of optional properties) reads
/// `{"rate": "x"}` into its second branch, which does not declare `rate`,
/// and writes `{}`, which its first branch reads. Both write `{}`; what a
/// client re-sends is unchanged (tests/fuzz-regressions/payloads/
/// overlapping_union_branches.json).
fn check<T>(bytes: &[u8], validate: impl Fn(&T) -> Result<(), String>) -> bool
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let Ok(value) = serde_json::from_slice::<T>(bytes) else {
        return false;
    };
    let verdict = validate(&value);
    let written = serde_json::to_vec(&value).expect("a parsed value serializes");
    let again: T = serde_json::from_slice(&written).unwrap_or_else(|e| {
        panic!("{value:?} was written as {} and does not parse back: {e}", String::from_utf8_lossy(&written))
    });
    let rewritten = serde_json::to_vec(&again).expect("a parsed value serializes");
    assert!(
        rewritten == written,
        "{value:?} was written as {} and then as {}",
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&rewritten)
    );
    assert_eq!(validate(&again), verdict, "validation changed in the round trip");
    true
}

/// Runs `bytes` through every type of both generated crates.
pub fn parse_each(bytes: &[u8]) -> Vec<&'static str> {
    let mut parsed = realtime::parse_each(bytes);
    parsed.extend(realtime_2025::parse_each(bytes));
    parsed.extend(realtime_2026::parse_each(bytes));
    parsed
}
