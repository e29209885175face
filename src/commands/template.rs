//! `smartcity template`: write a blank or prefilled questionnaire.

use super::{EXIT_OK, EXIT_USAGE, load_framework, print_problems};
use crate::answers::{Mode, ingest};
use crate::cli::TemplateArgs;
use crate::framework::Framework;
use crate::regions::{self, Region};
use crate::report::write_atomic;
use crate::template::{Questionnaire, prefill_from, write_questionnaire};
use crate::text::{Lang, Text};

fn fail(lang: Lang, text: Text) -> u8 {
    eprintln!("{}", text.get(lang));
    EXIT_USAGE
}

/// The region named by `--region`, if it is a real region the framework assesses.
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
pub(crate) fn run(args: TemplateArgs, lang: Lang) -> u8 {
    let fw = match load_framework(args.framework.as_deref(), lang) {
        Ok(fw) => fw,
        Err(code) => return code,
    };
    if !args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return fail(
            lang,
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
        Err(text) => return fail(lang, text),
    };
    let mut q = Questionnaire::default();
    let mut inputs = Vec::new();
    if let Some(path) = &args.prefill {
        inputs.push(path.clone());
        let batch = ingest(std::slice::from_ref(path), &fw, Mode::Score);
        print_problems(&batch.problems, lang, true);
        // The region asked for, else the latest year in the file.
        let chosen = batch
            .submissions
            .iter()
            .filter(|s| region.as_ref().is_none_or(|r| r.code == s.region.code))
            .max_by_key(|s| s.year);
        let Some(previous) = chosen else {
            return fail(
                lang,
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
        Err(e) => return fail(lang, Text::new(e.to_string(), e.to_string())),
    };
    if let Err(e) = write_atomic(&args.output, &bytes, &inputs) {
        return fail(lang, Text::new(e.to_string(), e.to_string()));
    }
    let prefilled = q.answers.iter().flatten().count();
    let (out, id, version, n) = (
        args.output.display(),
        &fw.id,
        &fw.version,
        fw.indicators.len(),
    );
    let msg = Text::new(
        format!(
            "{out}: kuesioner {id} {version} ({n} indikator, {prefilled} terisi dari tahun lalu)"
        ),
        format!(
            "{out}: questionnaire for {id} {version} ({n} indicators, {prefilled} prefilled from last year)"
        ),
    );
    eprintln!("{}", msg.get(lang));
    EXIT_OK
}
