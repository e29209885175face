//! `smartcity template`: write a blank or prefilled questionnaire.

use super::args::TemplateArgs;
use super::exit::ExitStatus;
use super::printer::Printer;
use super::{load_framework, make_parent};
use smartcity::answers::{Mode, ingest};
use smartcity::framework::Framework;
use smartcity::regions::{self, Region};
use smartcity::report::write_atomic;
use smartcity::submission::Submission;
use smartcity::template::{Questionnaire, prefill_from, write_questionnaire, write_review};
use smartcity::text::Text;
use std::collections::BTreeSet;
use std::path::Path;

fn fail(out: Printer, text: Text) -> ExitStatus {
    out.error(&text);
    ExitStatus::Failure
}

fn region_arg(code: &str, fw: &Framework) -> Result<Region, Text> {
    let region = regions::parse_code_and_name(code)
        .and_then(|(c, _)| regions::lookup(&c))
        .ok_or_else(|| {
            let meant: Vec<String> = regions::suggestions(code, 5)
                .iter()
                .map(|r| format!("{} ({})", r.code, r.display_name()))
                .collect();
            let (maybe_id, maybe_en) = match meant.is_empty() {
                true => (String::new(), String::new()),
                false => (
                    format!("; mungkin maksudnya --region {}", meant.join(", ")),
                    format!("; perhaps --region {}", meant.join(", ")),
                ),
            };
            Text::new(
                format!("--region {code}: kode tidak ada dalam daftar Kemendagri{maybe_id}"),
                format!("--region {code}: not a code in the Kemendagri list{maybe_en}"),
            )
        })?;
    if !fw.assesses(region.kind.level()) {
        return Err(Text::new(
            format!(
                "--region {code}: kerangka {} tidak menilai wilayah jenis ini",
                fw.id
            ),
            format!(
                "--region {code}: framework {} does not assess this kind of region",
                fw.id
            ),
        ));
    }
    Ok(region)
}

/// Runs the command.
pub(crate) fn run(args: TemplateArgs, out: Printer) -> ExitStatus {
    let lang = out.lang();
    // A questionnaire already there may be a filled one: replaced only when asked to.
    if !args.force && std::fs::metadata(&args.output).is_ok_and(|m| m.is_file()) {
        let path = args.output.display();
        return fail(
            out,
            Text::new(
                format!("{path} sudah ada; pakai --force untuk menimpanya"),
                format!("{path} already exists; give --force to overwrite it"),
            ),
        );
    }
    let fw = match load_framework(args.framework.as_deref(), out) {
        Ok(fw) => fw,
        Err(status) => return status,
    };
    if !args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return fail(
            out,
            Text::new(
                "-o harus berkas .xlsx (buka dan simpan sebagai .ods di LibreOffice bila perlu)",
                "-o must be an .xlsx file (open and save it as .ods in LibreOffice if needed)",
            ),
        );
    }
    let region = match args
        .region
        .as_deref()
        .map(|c| region_arg(c, &fw))
        .transpose()
    {
        Ok(r) => r,
        Err(text) => return fail(out, text),
    };
    if let Some(path) = &args.review {
        return review(&args, path, &fw, region.as_ref(), out);
    }
    let mut q = Questionnaire::default();
    let mut inputs = Vec::new();
    let mut copied_from = None;
    if let Some(path) = &args.prefill {
        inputs.push(path.clone());
        let batch = ingest(std::slice::from_ref(path), &fw, Mode::Prefill);
        // The answers that cannot be copied are named; warnings about last year's file are not
        // this year's business.
        out.quiet().problems(&batch.problems);
        let previous = match previous_answers(path, &batch.submissions, region.as_ref()) {
            Ok(previous) => previous,
            Err(text) => return fail(out, text),
        };
        copied_from = Some(previous.year);
        q = prefill_from(&fw, previous, lang);
    }
    if region.is_some() {
        q.region = region;
    }
    if args.year.is_some() {
        q.year = args.year;
    }
    let bytes = match write_questionnaire(&fw, &q, lang) {
        Ok(b) => b,
        Err(e) => return fail(out, Text::new(e.to_string(), e.to_string())),
    };
    let written = make_parent(&args.output)
        .and_then(|()| write_atomic(&args.output, &bytes, &inputs).map_err(|e| e.text()));
    if let Err(text) = written {
        return fail(out, text);
    }
    out.note(&written_line(&args.output, &fw, &q, copied_from));
    ExitStatus::Success
}

/// The region-year of `submissions` (read from `path`) to copy answers from: the one of
/// `region` when given, else the only region's; its latest year.
fn previous_answers<'s>(
    path: &Path,
    submissions: &'s [Submission],
    region: Option<&Region>,
) -> Result<&'s Submission, Text> {
    let file = path.display();
    let regions: BTreeSet<&str> = submissions.iter().map(|s| s.region.code).collect();
    let code = match (region, regions.len()) {
        (Some(r), _) => r.code,
        (None, 0) => "",
        (None, 1) => regions.first().copied().unwrap_or(""),
        (None, _) => {
            let codes: Vec<&str> = regions.iter().take(5).copied().collect();
            let more = if regions.len() > codes.len() {
                ", …"
            } else {
                ""
            };
            let (n, listed) = (regions.len(), codes.join(", "));
            return Err(Text::new(
                format!(
                    "{file} berisi jawaban {n} wilayah ({listed}{more}); pilih satu dengan --region"
                ),
                format!(
                    "{file} holds the answers of {n} regions ({listed}{more}); choose one with --region"
                ),
            ));
        }
    };
    submissions
        .iter()
        .filter(|s| s.region.code == code)
        .max_by_key(|s| s.year)
        .ok_or_else(|| match region {
            Some(r) => Text::new(
                format!(
                    "{file}: tidak ada jawaban {} yang dapat disalin",
                    r.display_name()
                ),
                format!(
                    "{file}: no answers of {} that can be copied",
                    r.display_name()
                ),
            ),
            None => Text::new(
                format!("{file}: tidak ada jawaban yang dapat disalin"),
                format!("{file}: no answers that can be copied"),
            ),
        })
}

/// What was written: the questionnaire, for which region and year, and how much was copied.
fn written_line(path: &Path, fw: &Framework, q: &Questionnaire, copied_from: Option<i32>) -> Text {
    let (path, id, version, n) = (path.display(), &fw.id, &fw.version, fw.indicators.len());
    let (for_id, for_en) = match (&q.region, q.year) {
        (Some(r), Some(y)) => {
            let name = r.display_name();
            (format!(" untuk {name} {y}"), format!(" for {name} {y}"))
        }
        (Some(r), None) => {
            let name = r.display_name();
            (format!(" untuk {name}"), format!(" for {name}"))
        }
        (None, Some(y)) => (format!(" tahun {y}"), format!(" for {y}")),
        (None, None) => (String::new(), String::new()),
    };
    let prefilled = q.answers.iter().flatten().count();
    let (copied_id, copied_en) = match copied_from {
        Some(year) => (
            format!(", {prefilled} jawaban disalin dari {year}"),
            format!(", {prefilled} answers copied from {year}"),
        ),
        None => (String::new(), String::new()),
    };
    Text::new(
        format!("{path}: kuesioner {id} {version}{for_id} ({n} indikator{copied_id})"),
        format!("{path}: questionnaire {id} {version}{for_en} ({n} indicators{copied_en})"),
    )
}

/// `--review FILLED`: the evaluator's workbook of the region-year `path` holds (of `region` when
/// given; its latest year).
fn review(
    args: &TemplateArgs,
    path: &Path,
    fw: &Framework,
    region: Option<&Region>,
    out: Printer,
) -> ExitStatus {
    let batch = ingest(std::slice::from_ref(&path.to_path_buf()), fw, Mode::Score);
    out.problems(&batch.problems);
    if batch.problems.iter().any(|p| p.is_error()) && batch.submissions.is_empty() {
        return ExitStatus::Failure;
    }
    let sub = match previous_answers(path, &batch.submissions, region) {
        Ok(sub) => sub,
        Err(text) => return fail(out, text),
    };
    let bytes = match write_review(fw, sub, out.lang()) {
        Ok(b) => b,
        Err(e) => return fail(out, Text::new(e.to_string(), e.to_string())),
    };
    let written = make_parent(&args.output).and_then(|()| {
        write_atomic(&args.output, &bytes, &[path.to_path_buf()]).map_err(|e| e.text())
    });
    if let Err(text) = written {
        return fail(out, text);
    }
    let (file, name, year, n) = (
        args.output.display(),
        sub.region.display_name(),
        sub.year,
        fw.indicators.len(),
    );
    out.note(&Text::new(
        format!("{file}: lembar kerja verifikasi untuk {name} {year} ({n} indikator)"),
        format!("{file}: review workbook for {name} {year} ({n} indicators)"),
    ));
    ExitStatus::Success
}
