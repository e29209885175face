//! Bounds that keep scoring finite and shallow: every group of weights that is averaged together
//! (a dimension's children, the root dimensions, the components, a component's indicators) adds
//! up to a finite number, and dimensions nest at most [`MAX_DEPTH`] levels deep. A framework
//! past either is refused at load, with the place in its file.

use super::checker::Checker;
use super::model::{Child, Component, Dimension, Indicator};
use super::raw::{RawComponent, RawDimension};
use crate::diagnostics::Code;
use crate::text::Text;
use toml::Spanned;

/// How deep dimensions may nest (a root dimension is at depth 0). Real frameworks use three or
/// four levels; the cap keeps every walk of the tree short.
pub const MAX_DEPTH: usize = 32;

/// Reports each dimension that is the first past [`MAX_DEPTH`] on its chain (F013).
pub(super) fn check_depth(ck: &mut Checker, raw: &[Spanned<RawDimension>], dims: &[Dimension]) {
    for (i, d) in dims.iter().enumerate() {
        if d.depth == MAX_DEPTH + 1 {
            ck.at(
                Code::F013,
                raw[i].get_ref().id.span(),
                Text::new(
                    format!(
                        "dimensi `{}` bersarang lebih dari {MAX_DEPTH} tingkat",
                        d.id
                    ),
                    format!(
                        "dimension `{}` is nested more than {MAX_DEPTH} levels deep",
                        d.id
                    ),
                ),
            )
            .found = Some(format!("{}", d.depth));
        }
    }
}

/// Reports each group of sibling weights whose sum is not a finite number (F012).
pub(super) fn check_weight_sums(
    ck: &mut Checker,
    raw_dims: &[Spanned<RawDimension>],
    raw_components: &[Spanned<RawComponent>],
    dims: &[Dimension],
    indicators: &[Indicator],
    components: &[Component],
) {
    let report = |ck: &mut Checker, span: std::ops::Range<usize>, whose: Text| {
        ck.at(
            Code::F012,
            span,
            Text::new(
                format!("jumlah bobot {} terlalu besar untuk dihitung", whose.id),
                format!(
                    "the weights of {} add up to more than can be computed",
                    whose.en
                ),
            ),
        );
    };
    let finite = |ws: &mut dyn Iterator<Item = f64>| ws.sum::<f64>().is_finite();
    let root = dims.iter().position(|d| d.parent.is_none());
    if let Some(first) = root
        && !finite(&mut dims.iter().filter(|d| d.parent.is_none()).map(|d| d.weight))
    {
        report(
            ck,
            raw_dims[first].get_ref().id.span(),
            Text::new("dimensi teratas", "the top dimensions"),
        );
    }
    for (i, d) in dims.iter().enumerate() {
        let mut ws = d.children.iter().map(|c| match c {
            Child::Dimension(c) => dims[*c].weight,
            Child::Indicator(k) => indicators[*k].weight,
        });
        if !finite(&mut ws) {
            let id = &d.id;
            report(
                ck,
                raw_dims[i].get_ref().id.span(),
                Text::new(format!("isi dimensi {id}"), format!("the children of {id}")),
            );
        }
    }
    if let Some(first) = raw_components.first()
        && !finite(&mut components.iter().map(|c| c.weight))
    {
        report(
            ck,
            first.get_ref().weight.span(),
            Text::new("komponen", "the components"),
        );
    }
    for (c, comp) in components.iter().enumerate() {
        let mut ws = indicators
            .iter()
            .filter(|i| i.component == Some(c))
            .map(|i| i.weight);
        if !finite(&mut ws) {
            let id = &comp.id;
            report(
                ck,
                raw_components[c].get_ref().id.span(),
                Text::new(
                    format!("indikator komponen {id}"),
                    format!("the indicators of component {id}"),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::parse;
    use crate::submission::{Answer, GivenAnswer, Submission};
    use std::path::Path;

    /// Two dimensions weighted `w` each, one numeric indicator (0–4) under each.
    fn framework(w: &str) -> String {
        let mut toml = String::from(
            "[framework]\nid = \"t\"\nversion = \"1\"\ntitle = { id = \"t\", en = \"t\" }\n\
             scale = { min = 0, max = 4 }\nlevels = [\"regency\"]\n\
             [answer_sets.n]\nkind = \"number\"\nmin = 0\nmax = 4\n",
        );
        for d in ["A", "B"] {
            toml.push_str(&format!(
                "[[dimension]]\nid = \"{d}\"\nweight = {w}\nlabel = {{ id = \"{d}\", en = \"{d}\" }}\n\
                 [[indicator]]\nid = \"{d}1\"\nparent = \"{d}\"\nanswers = \"n\"\n\
                 label = {{ id = \"x\", en = \"x\" }}\nquestion = {{ id = \"x\", en = \"x\" }}\n"
            ));
        }
        toml.push_str("[[band]]\nfrom = 0\nto = 4\nlabel = { id = \"S\", en = \"A\" }\n");
        toml
    }

    #[test]
    fn huge_weights_whose_sum_is_finite_score_exactly() {
        let fw = parse(Path::new("t.toml"), &framework("8e307")).unwrap();
        let answers = [4.0, 2.0].map(|v| Some(GivenAnswer::new(Answer::Number(v))));
        let sub = Submission::new(
            crate::regions::lookup("32.73").unwrap(),
            2024,
            answers.to_vec(),
        );
        assert_eq!(crate::scoring::score(&fw, &sub).index, Some(3.0));
    }

    #[test]
    fn weights_whose_sum_is_infinite_are_refused() {
        let problems = parse(Path::new("t.toml"), &framework("1.7e308")).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.code == crate::diagnostics::Code::F012),
            "{problems:?}"
        );
    }
}
