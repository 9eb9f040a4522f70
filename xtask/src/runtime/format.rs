//! `format`, asserted. Only crates generated with format assertion on
//! (`assert_formats` in the config, `--assert-formats`) include this module;
//! elsewhere `format` is an annotation, as JSON Schema 2020-12 says.
//!
//! Parsers come from well-kept crates where one states the grammar
//! exactly: `fluent-uri` (RFC 3986 and 3987), `email_address` (RFC 5321's
//! mailbox), `regress` (ECMA-262), `std::net` (IP addresses). The rest are
//! short grammars written out here: RFC 3339 dates, times and durations
//! (leap seconds included), RFC 1123 host names, RFC 6901 and the relative
//! JSON pointers, RFC 6570 URI templates, and RFC 4122 UUIDs in their
//! hyphenated form.

use crate::validate::{Path, ValidationError, report};

/// Reports `value` unless it is a valid `format`.
pub fn check(value: &str, format: &str, path: &Path<'_>, errors: &mut ::std::vec::Vec<ValidationError>) {
    if !is_valid(format, value) {
        report(errors, path, "format", ::std::format!("must be a valid {format}, got {value:?}"));
    }
}

/// Whether `value` is a valid `format`; a format not named here is an
/// annotation, and anything is valid.
pub fn is_valid(format: &str, value: &str) -> bool {
    match format {
        "date-time" => date_time(value),
        "date" => date(value),
        "time" => time(value),
        "duration" => duration(value),
        "email" => email(value),
        "hostname" => hostname(value),
        "ipv4" => value.parse::<::std::net::Ipv4Addr>().is_ok(),
        "ipv6" => value.parse::<::std::net::Ipv6Addr>().is_ok(),
        "uri" => ::fluent_uri::Uri::parse(value).is_ok(),
        "uri-reference" => ::fluent_uri::UriRef::parse(value).is_ok(),
        "iri" => ::fluent_uri::Iri::parse(value).is_ok(),
        "iri-reference" => ::fluent_uri::IriRef::parse(value).is_ok(),
        "uuid" => uuid(value),
        "json-pointer" => json_pointer(value),
        "relative-json-pointer" => relative_json_pointer(value),
        "regex" => ::regress::Regex::with_flags(value, "u").is_ok(),
        "uri-template" => uri_template(value),
        _ => true,
    }
}

/// `n` ASCII digits at the start of `text`, as a number.
fn digits(text: &[u8], n: usize) -> Option<u32> {
    let part = text.get(..n)?;
    part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |sum, d| sum * 10 + u32::from(d - b'0')))
}

/// The numbers of `n` digits at each (start, n) of `text`.
fn numbers<const N: usize>(text: &[u8], fields: [(usize, usize); N]) -> Option<[u32; N]> {
    let mut out = [0; N];
    for (slot, (start, n)) in out.iter_mut().zip(fields) {
        *slot = digits(text.get(start..)?, n)?;
    }
    Some(out)
}

/// RFC 3339 `full-date`: `YYYY-MM-DD`, a day that the month has.
fn date(value: &str) -> bool {
    let b = value.as_bytes();
    let Some([year, month, day]) = numbers(b, [(0, 4), (5, 2), (8, 2)]) else { return false };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && (1..=days).contains(&day)
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|±HH:MM)`. A leap second
/// (`:60`) is valid only at 23:59 UTC.
fn time(value: &str) -> bool {
    let b = value.as_bytes();
    let Some([hour, minute, second]) = numbers(b, [(0, 2), (3, 2), (6, 2)]) else { return false };
    if b[2] != b':' || b[5] != b':' || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &b[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    // The offset, in minutes east of UTC.
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(h), Some(m)) = (digits(&[*h1, *h2], 2), digits(&[*m1, *m2], 2)) else { return false };
            if h > 23 || m > 59 {
                return false;
            }
            let minutes = i64::from(h * 60 + m);
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => return false,
    };
    let utc = (i64::from(hour * 60 + minute) - offset).rem_euclid(24 * 60);
    second < 60 || utc == 23 * 60 + 59
}

/// RFC 3339 `date-time`: a date, `T` (either case), a time.
fn date_time(value: &str) -> bool {
    match value.split_once(['T', 't']) {
        Some((day, clock)) => date(day) && time(clock),
        None => false,
    }
}

/// RFC 3339 Appendix A `duration`: `P` then weeks alone, or date parts in
/// order (Y, M, D) and/or `T` with time parts in order (H, M, S), each part
/// followed by the next one's unit only through its neighbour (no `P1Y2D`).
fn duration(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('P') else { return false };
    if let Some(weeks) = rest.strip_suffix('W') {
        return !weeks.is_empty() && weeks.bytes().all(|d| d.is_ascii_digit());
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    // Each part is digits and a unit; the units must be consecutive in this order.
    let units_in_order = |text: &str, order: &[u8]| -> Option<usize> {
        let mut position = None::<usize>;
        let mut count = 0;
        let mut rest = text.as_bytes();
        while !rest.is_empty() {
            let n = rest.iter().take_while(|d| d.is_ascii_digit()).count();
            let unit = *rest.get(n)?;
            let index = order.iter().position(|u| *u == unit)?;
            if n == 0 || position.is_some_and(|p| index != p + 1) {
                return None;
            }
            position = Some(index);
            count += 1;
            rest = &rest[n + 1..];
        }
        Some(count)
    };
    let date_parts = match units_in_order(date, b"YMD") {
        Some(n) => n,
        None => return false,
    };
    match time {
        None => date_parts > 0,
        Some(time) => units_in_order(time, b"HMS").is_some_and(|n| n > 0),
    }
}

/// RFC 5321 mailbox (`email_address`), whose domain is a host name or an
/// address literal.
fn email(value: &str) -> bool {
    let Ok(address) = value.parse::<::email_address::EmailAddress>() else { return false };
    let domain = address.domain();
    match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(literal) => match literal.get(..5).filter(|tag| tag.eq_ignore_ascii_case("IPv6:")) {
            Some(_) => literal[5..].parse::<::std::net::Ipv6Addr>().is_ok(),
            None => literal.parse::<::std::net::Ipv4Addr>().is_ok(),
        },
        None => hostname(domain),
    }
}

/// RFC 1123 host name: dot-separated labels of letters, digits and `-`
/// (not first or last), 1 to 63 each, 253 in all. An `xn--` label (an
/// internationalized one) is read as ASCII: IDNA2008's rules need Unicode
/// tables.
fn hostname(value: &str) -> bool {
    value.len() <= 253
        && value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        })
}

/// RFC 4122, hyphenated: 8-4-4-4-12 hexadecimal digits.
fn uuid(value: &str) -> bool {
    value.len() == 36
        && value.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// RFC 6901: empty, or `/`-prefixed tokens where `~` is only `~0` or `~1`.
fn json_pointer(value: &str) -> bool {
    (value.is_empty() || value.starts_with('/')) && escapes_are_valid(value)
}

fn escapes_are_valid(value: &str) -> bool {
    value.split('~').skip(1).all(|after| after.starts_with(['0', '1']))
}

/// draft-handrews-relative-json-pointer: a non-negative integer (no leading
/// zero), then `#` or a JSON pointer.
fn relative_json_pointer(value: &str) -> bool {
    let n = value.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = value.split_at(n);
    !number.is_empty() && (number == "0" || !number.starts_with('0')) && (rest == "#" || json_pointer(rest))
}

/// RFC 6570: literals and `{expressions}` of an optional operator and
/// comma-separated variables, each with an optional `:prefix` (1 to 9999)
/// or `*`.
fn uri_template(value: &str) -> bool {
    let mut rest = value;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => return literal(rest),
            Some(i) if rest.as_bytes()[i] == b'}' => return false,
            Some(i) => {
                let Some(end) = rest[i..].find('}') else { return false };
                if !literal(&rest[..i]) || !expression(&rest[i + 1..i + end]) {
                    return false;
                }
                rest = &rest[i + end + 1..];
            }
        }
    }
    true
}

fn literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &c)| match c {
        b'%' => bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
        0x00..=0x20 | b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' | 0x7F => false,
        _ => true,
    })
}

fn expression(text: &str) -> bool {
    let text = text.strip_prefix(['+', '#', '.', '/', ';', '?', '&', '=', ',', '!', '@', '|']).unwrap_or(text);
    text.split(',').all(|spec| {
        let (name, modifier) = match spec.split_once(':') {
            Some((name, length)) => (name, length.len() <= 4 && !length.starts_with('0') && length.parse::<u16>().is_ok()),
            None => (spec.strip_suffix('*').unwrap_or(spec), true),
        };
        let bytes = name.as_bytes();
        modifier
            && !name.is_empty()
            && !name.starts_with('.')
            && !name.ends_with('.')
            && !name.contains("..")
            && bytes.iter().enumerate().all(|(i, &c)| match c {
                b'%' => bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
                b'0'..=b'9' => true,
                _ => c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || (c.is_ascii_hexdigit() && i > 0 && bytes[i - 1] == b'%'),
            })
    })
}
