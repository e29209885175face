//! Writes a multi-year village panel (issue 17) from the one-year long table of `gen_corpus`:
//! the same villages and indicators for each of `YEARS` years ending with the corpus year, one
//! year after the other (as a national team concatenates yearly exports: a village's years are
//! far apart in the file, so the table is not sorted by region). Answers are perturbed per year:
//! about one answer in six is taken from the same indicator of a village a few rows earlier,
//! so indices, bands and ranks move from year to year while every answer stays one the
//! indicator accepts (or the same invalid text the corpus put there on purpose).
//!
//!   gen_panel IN.csv OUT.csv YEARS
//!
//! The output is deterministic (no random source): the same input gives the same bytes.

use std::io::{BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 3 {
        eprintln!("gen_panel IN.csv OUT.csv YEARS");
        std::process::exit(2);
    }
    let years: i32 = args[2].parse().expect("YEARS is a number");
    let input = std::fs::read(&args[0]).expect("read IN.csv");
    let mut lines = input.split(|&b| b == b'\n');
    let header = lines.next().expect("a header");
    let body: Vec<&[u8]> = lines.filter(|l| !l.is_empty()).collect();
    // The corpus year: the third field of the first record (`code;name;year;indicator;answer`,
    // the name possibly quoted with doubled quotes but never holding `;2`).
    let year_at = |l: &[u8]| -> (usize, usize) {
        let p = find(l, b";20").expect("a year field") + 1;
        (p, p + 4)
    };
    let (a, b) = year_at(body[0]);
    let last: i32 = std::str::from_utf8(&body[0][a..b])
        .unwrap()
        .parse()
        .unwrap();
    let first = last - years + 1;
    let out = std::fs::File::create(&args[1]).expect("create OUT.csv");
    let mut out = BufWriter::with_capacity(1 << 20, out);
    out.write_all(header).unwrap();
    out.write_all(b"\n").unwrap();
    // Rows per village (the indicators): answers are borrowed from the village `LAG` rows back.
    const LAG: usize = 30 * 7;
    for year in first..=last {
        let y = year.to_string();
        for (k, line) in body.iter().enumerate() {
            let (a, b) = year_at(line);
            let answer_at = line.iter().rposition(|&c| c == b';').unwrap() + 1;
            out.write_all(&line[..a]).unwrap();
            out.write_all(y.as_bytes()).unwrap();
            out.write_all(&line[b..answer_at]).unwrap();
            let h = mix(k as u64 ^ ((year as u64) << 40));
            let answer = if year != last && h.is_multiple_of(6) && k >= LAG {
                let other = body[k - LAG];
                &other[other.iter().rposition(|&c| c == b';').unwrap() + 1..]
            } else {
                &line[answer_at..]
            };
            out.write_all(answer).unwrap();
            out.write_all(b"\n").unwrap();
        }
    }
    out.flush().unwrap();
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A fixed 64-bit mix (splitmix64's finaliser).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}
