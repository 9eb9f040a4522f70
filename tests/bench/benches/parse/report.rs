//! The report: every contender timed on every class in interleaved rounds
//! (each round runs all of them, starting each time with the next one, so
//! that the machine's drift hits all alike), ratios taken within a round,
//! and their median and spread over the rounds written as Markdown.

use super::{Read, agreed_classes, contenders, read_all};
use realtime_bench::Class;
use realtime_types::{RealtimeSession, Validate};
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

const ROUNDS: usize = 31;
/// How long one timed sample runs; shorter ones are repeated to reach it.
const SAMPLE: Duration = Duration::from_millis(4);

/// Something to time: one pass over a class.
type Pass<'a> = Box<dyn Fn() + 'a>;

/// Nanoseconds per pass of each job, one row per round.
fn interleaved(passes: &[Pass<'_>]) -> Vec<Vec<f64>> {
    let repeats: Vec<u32> = passes
        .iter()
        .map(|pass| {
            pass(); // warm up
            let start = Instant::now();
            pass();
            let once = start.elapsed().max(Duration::from_nanos(1));
            (SAMPLE.as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32
        })
        .collect();
    (0..ROUNDS)
        .map(|round| {
            let mut row = vec![0.0; passes.len()];
            for offset in 0..passes.len() {
                let job = (round + offset) % passes.len();
                let start = Instant::now();
                for _ in 0..repeats[job] {
                    passes[job]();
                }
                row[job] = start.elapsed().as_nanos() as f64 / f64::from(repeats[job]);
            }
            row
        })
        .collect()
}

/// Median, 10th and 90th percentile.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.1), at(0.9))
}

/// `a / b` per round, as "median× (p10–p90)".
fn ratio(rows: &[Vec<f64>], a: usize, b: usize) -> (f64, String) {
    let (median, low, high) = spread(rows.iter().map(|row| row[a] / row[b]).collect());
    (median, format!("{median:.2}× ({low:.2}–{high:.2})"))
}

fn micros(rows: &[Vec<f64>], job: usize, per: usize) -> String {
    let (median, ..) = spread(rows.iter().map(|row| row[job]).collect());
    format!("{:.1} µs", median / 1_000.0 / per as f64)
}

fn mark(met: bool) -> &'static str {
    if met { "" } else { " ✗" }
}

fn class_row(class: &Class, out: &mut String) {
    let contenders = contenders(class.kind);
    let at = |name: &str| contenders.iter().position(|(n, _)| *n == name).unwrap();
    let passes: Vec<Pass<'_>> =
        contenders.iter().map(|&(_, read)| Box::new(move || read_all(read, class)) as Pass<'_>).collect();
    let rows = interleaved(&passes);
    let tv = at("typed_validate");
    let n = class.inputs.len();
    let (jr, jr_text) = ratio(&rows, at("jsonschema"), tv);
    let (jm, jm_text) = ratio(&rows, at("jsonschema_macro"), tv);
    let (ao, ao_text) = ratio(&rows, at("async_openai"), tv);
    let (fl, fl_text) = ratio(&rows, tv, at("floor"));
    let (adds, low, high) = spread(rows.iter().map(|row| row[tv] / row[at("typed")] - 1.0).collect());
    let _ = writeln!(
        out,
        "| `{}`: {} ({n}, {:.1} KB) | {} | {jr_text}{} | {jm_text}{} | {ao_text}{} | {fl_text}{} | {:+.0}% ({:+.0}–{:+.0}){} |",
        class.name,
        class.about,
        class.bytes() as f64 / 1024.0,
        micros(&rows, tv, n),
        mark(jr >= 3.0),
        mark(jm >= 2.5),
        mark(ao >= 1.2),
        mark(fl <= 2.0),
        adds * 100.0,
        low * 100.0,
        high * 100.0,
        mark(adds <= 0.10),
    );
}

/// Parse alone against `validate()` alone, on sessions with one fault each.
fn invalid_row(out: &mut String) {
    let inputs = realtime_bench::invalid_sessions();
    let parsed: Vec<RealtimeSession> = inputs.iter().map(|(_, text)| serde_json::from_str(text).unwrap()).collect();
    assert!(parsed.iter().all(|session| session.validate().is_err()), "every fault is reported");
    let parse: Read = super::parse::<RealtimeSession>;
    let passes: Vec<Pass<'_>> = vec![
        Box::new(|| inputs.iter().for_each(|(_, text)| _ = black_box(parse(black_box(text))))),
        Box::new(|| parsed.iter().for_each(|session| _ = black_box(black_box(session).validate()))),
    ];
    let rows = interleaved(&passes);
    let (cost, text) = ratio(&rows, 1, 0);
    let _ = writeln!(
        out,
        "| beta sessions with one fault each ({}) | {} | {} | {text}{} |",
        inputs.len(),
        micros(&rows, 0, inputs.len()),
        micros(&rows, 1, inputs.len()),
        mark(cost <= 1.0),
    );
}

pub fn write(path: &std::path::Path) {
    let classes = agreed_classes();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Typed parse + `validate()` per input, and how many times longer each other contender takes \
         (median of {ROUNDS} interleaved rounds, 10th–90th percentile in brackets; ✗ marks a missed target):\n"
    );
    out.push_str(
        "| inputs (count, size) | typed + `validate()` | `Value` + jsonschema (≥3×) | `Value` + jsonschema macro (≥2.5×) \
         | async-openai (≥1.2×) | ÷ scan floor (≤2×) | `validate()` adds (≤10%) |\n|---|---|---|---|---|---|---|\n",
    );
    for class in &classes {
        class_row(class, &mut out);
    }
    out.push_str(
        "\nThe invalid path: `validate()` alone against the parse alone (target: no more than the parse):\n\n\
         | inputs | parse | `validate()` | `validate()` ÷ parse (≤1×) |\n|---|---|---|---|\n",
    );
    invalid_row(&mut out);
    std::fs::write(path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
