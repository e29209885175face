//! `smartcity template`: write a blank or prefilled questionnaire.

use super::args::TemplateArgs;
use super::exit::ExitStatus;
use super::load_framework;
use super::printer::Printer;
use smartcity::answers::{Mode, ingest};
use smartcity::framework::Framework;
use smartcity::regions::{self, Region};
use smartcity::report::write_atomic;
use smartcity::template::{Questionnaire, prefill_from, write_questionnaire};
use smartcity::text::Text;

fn fail(out: Printer, text: Text) -> ExitStatus {
    out.error(&text);
    ExitStatus::Failure
}

fn region_arg(code: &str, fw: &Framework) -> Result<Region, Text> {
    let region = regions::parse_code_and_name(code)
        .and_then(|(c, _)| regions::lookup(&c))
        .ok_or_else(|| {
            Text::new(
                format!("--region {code}: kode tidak ada dalam daftar Kemendagri"),
                format!("--region {code}: not a code in the Kemendagri list"),
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
    let mut q = Questionnaire::default();
    let mut inputs = Vec::new();
    if let Some(path) = &args.prefill {
        inputs.push(path.clone());
        let batch = ingest(std::slice::from_ref(path), &fw, Mode::Score);
        out.quiet().problems(&batch.problems);
        // The region asked for, else the latest year in the file.
        let chosen = batch
            .submissions
            .iter()
            .filter(|s| region.as_ref().is_none_or(|r| r.code == s.region.code))
            .max_by_key(|s| s.year);
        let Some(previous) = chosen else {
            return fail(
                out,
                Text::new(
                    format!("{}: tidak ada jawaban yang dapat disalin", path.display()),
                    format!("{}: no answers that can be copied", path.display()),
                ),
            );
        };
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
    if let Err(e) = write_atomic(&args.output, &bytes, &inputs) {
        return fail(out, e.text());
    }
    let prefilled = q.answers.iter().flatten().count();
    let (path, id, version, n) = (
        args.output.display(),
        &fw.id,
        &fw.version,
        fw.indicators.len(),
    );
    let msg = Text::new(
        format!(
            "{path}: kuesioner {id} {version} ({n} indikator, {prefilled} terisi dari tahun lalu)"
        ),
        format!(
            "{path}: questionnaire for {id} {version} ({n} indicators, {prefilled} prefilled from last year)"
        ),
    );
    out.note(&msg);
    ExitStatus::Success
}
