//! The report as text for a reviewer, or as JSON for CI and tools.
//!
//! Both end with the verdict: the text's last line is exactly
//! `semver: major`, `semver: minor` or `semver: patch`.

use std::fmt::Write;

use super::{Class, Report};

/// How to print a report (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per change, grouped by type, then the counts and the verdict.
    #[default]
    Human,
    /// One JSON object: `changes`, `descriptions`, `counts` and `semver`.
    Json,
}

impl Report {
    /// The report in `format`; `verbose` also lists changed descriptions.
    pub fn render(&self, format: Format, verbose: bool) -> String {
        match format {
            Format::Human => self.human(verbose),
            Format::Json => self.json(),
        }
    }

    fn human(&self, verbose: bool) -> String {
        let mut out = String::new();
        let mut group = None;
        for change in &self.changes {
            if group != Some(&change.type_name) {
                let _ = writeln!(out, "{}", change.type_name);
                group = Some(&change.type_name);
            }
            let _ = writeln!(out, "  {:<9}  {}  at #{}", change.class.name(), change.message, change.pointer);
        }
        if verbose && !self.descriptions.is_empty() {
            let _ = writeln!(out, "Descriptions changed");
            for description in &self.descriptions {
                let _ = writeln!(out, "  {}  at #{}", description.type_name, description.pointer);
            }
        }
        let counts =
            [Class::Breaking, Class::Additive, Class::Behaviour].map(|c| format!("{} {}", self.count(c), c.name()));
        let mut summary = match self.changes.len() {
            0 => "no changes to the API or its validation".to_owned(),
            1 => format!("1 change: {}", counts.join(", ")),
            n => format!("{n} changes: {}", counts.join(", ")),
        };
        match (self.descriptions.len(), verbose) {
            (0, _) => {}
            (n, true) => summary.push_str(&format!("; {n} descriptions changed")),
            (n, false) => summary.push_str(&format!("; {n} descriptions changed (--verbose lists them)")),
        }
        let _ = writeln!(out, "{summary}");
        let _ = writeln!(out, "semver: {}", self.semver().name());
        out
    }

    fn json(&self) -> String {
        let counts: serde_json::Map<String, serde_json::Value> = [Class::Breaking, Class::Additive, Class::Behaviour]
            .into_iter()
            .map(|c| (c.name().to_owned(), self.count(c).into()))
            .chain([("descriptions".to_owned(), self.descriptions.len().into())])
            .collect();
        let value = serde_json::json!({
            "changes": self.changes,
            "descriptions": self.descriptions,
            "counts": counts,
            "semver": self.semver(),
        });
        serde_json::to_string_pretty(&value).expect("a report is plain data") + "\n"
    }
}
