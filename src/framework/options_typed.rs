//! Options must be choosable by what is typed: a code that is blank or an N/A spelling is read
//! as blank or N/A, never as the option; a label or alias shared by two options of one set picks
//! the first without a word. Both are refused at load (F014).

use super::checker::Checker;
use super::model::NA_SPELLINGS;
use super::raw::RawOption;
use crate::diagnostics::Code;
use crate::submission::normalize;
use crate::text::Text;
use std::collections::HashMap;

/// Checks option number `index` of a set; `names` holds the normalised labels and aliases of the
/// options before it, with the option they belong to.
pub(super) fn check_option(
    ck: &mut Checker,
    names: &mut HashMap<String, usize>,
    index: usize,
    opt: &RawOption,
) {
    let code = normalize(opt.code.get_ref());
    if code.is_empty() || NA_SPELLINGS.contains(&code.as_str()) {
        ck.at(
            Code::F014,
            opt.code.span(),
            Text::new(
                "kode opsi kosong atau berupa ejaan N/A tidak pernah dapat dipilih; pakai \
                 na_allowed = true pada indikator untuk N/A",
                "an option code that is blank or an N/A spelling can never be chosen; use \
                 na_allowed = true on the indicator for N/A",
            ),
        )
        .found = Some(opt.code.get_ref().clone());
    }
    let typed = [opt.label.id.as_str(), opt.label.en.as_str()]
        .into_iter()
        .chain(opt.aliases.iter().map(String::as_str));
    for name in typed {
        let key = normalize(name);
        if key.is_empty() {
            continue;
        }
        match names.get(&key) {
            Some(&other) if other != index => {
                ck.at(
                    Code::F014,
                    opt.code.span(),
                    Text::new(
                        format!(
                            "label atau alias `{name}` juga dipakai opsi ke-{}",
                            other + 1
                        ),
                        format!(
                            "the label or alias `{name}` is also used by option {}",
                            other + 1
                        ),
                    ),
                )
                .found = Some(name.to_string());
            }
            Some(_) => {}
            None => {
                names.insert(key, index);
            }
        }
    }
}
