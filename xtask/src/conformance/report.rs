//! Counting verdicts, printing them, and holding them against a baseline.

use std::collections::BTreeMap;

use indexmap::IndexMap;

/// What one case came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Parse + `validate()` said what the suite expects.
    Agree,
    /// Accepted an invalid instance or rejected a valid one.
    Wrong,
    /// The generator refused the group's schema.
    Refused,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub agree: usize,
    pub wrong: usize,
    pub refused: usize,
}

impl Counts {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Agree => self.agree += 1,
            Outcome::Wrong => self.wrong += 1,
            Outcome::Refused => self.refused += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.agree + self.wrong + self.refused
    }
}

/// Counts per suite file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub files: IndexMap<String, Counts>,
}

impl Report {
    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        for counts in self.files.values() {
            total.agree += counts.agree;
            total.wrong += counts.wrong;
            total.refused += counts.refused;
        }
        total
    }

    /// One line per file, then the summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (name, c) in &self.files {
            out.push_str(&format!("{name}: {} agree, {} wrong, {} refused\n", c.agree, c.wrong, c.refused));
        }
        let t = self.total();
        out.push_str(&format!(
            "conformance: {} cases, {} agree, {} wrong, {} refused\n",
            t.total(),
            t.agree,
            t.wrong,
            t.refused
        ));
        out
    }

    /// Reads the per-file lines of [`Report::render`]'s output.
    pub fn parse(text: &str) -> Result<Report, String> {
        let mut files = IndexMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("conformance:")) {
            let (name, rest) = line.split_once(": ").ok_or_else(|| format!("not a report line: {line:?}"))?;
            let numbers: Vec<usize> =
                rest.split(", ").filter_map(|part| part.split(' ').next()?.parse().ok()).collect();
            let [agree, wrong, refused] = numbers[..] else {
                return Err(format!("not a report line: {line:?}"));
            };
            files.insert(name.to_owned(), Counts { agree, wrong, refused });
        }
        Ok(Report { files })
    }

    /// Where this report falls short of `baseline`: a file with fewer
    /// agreeing cases (or missing), with the reason.
    pub fn regressions(&self, baseline: &Report) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (name, expected) in &baseline.files {
            match self.files.get(name) {
                None => {
                    out.insert(name.clone(), "missing from this run".to_owned());
                }
                Some(found) if found.agree < expected.agree => {
                    out.insert(name.clone(), format!("{} agree, down from {}", found.agree, expected.agree));
                }
                Some(_) => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_parses_and_finds_regressions() {
        let mut report = Report::default();
        report.files.insert("type.json".into(), Counts { agree: 3, wrong: 0, refused: 1 });
        report.files.insert("ref.json".into(), Counts { agree: 2, wrong: 1, refused: 0 });
        let text = report.render();
        assert_eq!(
            text,
            "type.json: 3 agree, 0 wrong, 1 refused\nref.json: 2 agree, 1 wrong, 0 refused\nconformance: 7 cases, 5 agree, 1 wrong, 1 refused\n"
        );
        assert_eq!(Report::parse(&text).unwrap(), report);
        let mut better = report.clone();
        better.files["type.json"].agree = 4;
        assert!(better.regressions(&report).is_empty());
        let mut worse = report.clone();
        worse.files["ref.json"].agree = 1;
        worse.files.shift_remove("type.json");
        let regressions = worse.regressions(&report);
        assert_eq!(regressions["ref.json"], "1 agree, down from 2");
        assert_eq!(regressions["type.json"], "missing from this run");
    }
}
