//! Checks of the structure: components, the dimension tree (parents, cycles, emptiness) and the
//! indicators hanging in it (parents, answer sets, components, targets).

use super::checker::Checker;
use super::model::*;
use super::raw::*;
use crate::diagnostics::Code;
use crate::text::Text;
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

pub(super) fn check_components(ck: &mut Checker, raw: &[Spanned<RawComponent>]) -> Vec<Component> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|c| {
            let c = c.get_ref();
            ck.unique(&mut seen, &c.id);
            let weight = ck.weight(
                &Some(c.weight.clone()),
                &format!("komponen/component {}", c.id.get_ref()),
            );
            Component {
                id: c.id.get_ref().clone(),
                label: c.label.clone(),
                description: c.description.clone(),
                weight,
            }
        })
        .collect()
}

pub(super) fn check_dimensions(
    ck: &mut Checker,
    raw: &[Spanned<RawDimension>],
    ids: &mut HashMap<String, Range<usize>>,
) -> Vec<Dimension> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, d) in raw.iter().enumerate() {
        ck.unique(ids, &d.get_ref().id);
        index.entry(d.get_ref().id.get_ref().as_str()).or_insert(i);
    }
    let mut dims: Vec<Dimension> = raw
        .iter()
        .map(|d| {
            let d = d.get_ref();
            let parent = d.parent.as_ref().and_then(|p| {
                let found = index.get(p.get_ref().as_str()).copied();
                if found.is_none() {
                    ck.at(
                        Code::F003,
                        p.span(),
                        Text::new(
                            format!("dimensi induk `{}` tidak ada", p.get_ref()),
                            format!("parent dimension `{}` does not exist", p.get_ref()),
                        ),
                    );
                }
                found
            });
            let weight = ck.weight(&d.weight, &format!("dimensi/dimension {}", d.id.get_ref()));
            Dimension {
                id: d.id.get_ref().clone(),
                label: d.label.clone(),
                description: d.description.clone(),
                weight,
                parent,
                depth: 0,
                children: Vec::new(),
            }
        })
        .collect();
    // Depth by walking up; a walk longer than the number of dimensions is a cycle.
    for i in 0..dims.len() {
        let mut depth = 0;
        let mut cur = dims[i].parent;
        while let Some(p) = cur {
            depth += 1;
            if depth > dims.len() {
                ck.at(
                    Code::F008,
                    raw[i].get_ref().id.span(),
                    Text::new(
                        format!("dimensi `{}` berada dalam siklus induk", dims[i].id),
                        format!("dimension `{}` is part of a parent cycle", dims[i].id),
                    ),
                );
                dims[i].parent = None;
                depth = 0;
                break;
            }
            cur = dims[p].parent;
        }
        dims[i].depth = depth;
    }
    super::bounds::check_depth(ck, raw, &dims);
    for i in 0..dims.len() {
        if let Some(p) = dims[i].parent {
            dims[p].children.push(Child::Dimension(i));
        }
    }
    dims
}

pub(super) fn check_indicators(
    ck: &mut Checker,
    raw: &[Spanned<RawIndicator>],
    ids: &mut HashMap<String, Range<usize>>,
    dims: &mut [Dimension],
    declared: &mut [bool],
    sets: &[AnswerSet],
    components: &[Component],
) -> Vec<Indicator> {
    let dim_index: HashMap<String, usize> = dims
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    let set_index: HashMap<&str, usize> = sets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let comp_index: HashMap<&str, usize> = components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut out = Vec::new();
    for spanned in raw {
        let r = spanned.get_ref();
        let id = r.id.get_ref().clone();
        ck.unique(ids, &r.id);
        if id.trim().is_empty() || id.trim() != id {
            ck.at(
                Code::F007,
                r.id.span(),
                Text::new(
                    "id indikator tidak boleh kosong atau diawali/diakhiri spasi",
                    "an indicator id must not be empty or start or end with spaces",
                ),
            );
        }
        let parent = dim_index.get(r.parent.get_ref()).copied();
        if parent.is_none() {
            ck.at(
                Code::F003,
                r.parent.span(),
                Text::new(
                    format!("dimensi `{}` tidak ada", r.parent.get_ref()),
                    format!("dimension `{}` does not exist", r.parent.get_ref()),
                ),
            );
        }
        let answers = set_index.get(r.answers.get_ref().as_str()).copied();
        if answers.is_none() {
            let known: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
            ck.at(
                Code::F003,
                r.answers.span(),
                Text::new(
                    format!("himpunan jawaban `{}` tidak ada", r.answers.get_ref()),
                    format!("answer set `{}` does not exist", r.answers.get_ref()),
                ),
            )
            .expected = Some(Text::new(
                format!("salah satu dari: {}", known.join(", ")),
                format!("one of: {}", known.join(", ")),
            ));
        }
        let component = match &r.component {
            Some(c) if components.is_empty() => {
                ck.at(
                    Code::F009,
                    c.span(),
                    Text::new(
                        "kerangka ini tidak memiliki [[component]]",
                        "this framework has no [[component]] entries",
                    ),
                );
                None
            }
            Some(c) => {
                let found = comp_index.get(c.get_ref().as_str()).copied();
                if found.is_none() {
                    ck.at(
                        Code::F003,
                        c.span(),
                        Text::new(
                            format!("komponen `{}` tidak ada", c.get_ref()),
                            format!("component `{}` does not exist", c.get_ref()),
                        ),
                    );
                }
                found
            }
            None if !components.is_empty() => {
                ck.at(
                    Code::F009,
                    r.id.span(),
                    Text::new(
                        format!("indikator `{id}` membutuhkan `component`"),
                        format!("indicator `{id}` needs a `component`"),
                    ),
                );
                None
            }
            None => None,
        };
        let target = check_target(ck, r, answers.map(|a| &sets[a]));
        let weight = ck.weight(&r.weight, &format!("indikator/indicator {id}"));
        let Some(parent) = parent else { continue };
        // Declared here even if rejected below, so its dimension is not also reported empty.
        declared[parent] = true;
        let Some(answers) = answers else { continue };
        dims[parent].children.push(Child::Indicator(out.len()));
        out.push(Indicator {
            id,
            label: r.label.clone(),
            question: r.question.clone(),
            guidance: r.guidance.clone(),
            weight,
            parent,
            component,
            answers,
            na_allowed: r.na_allowed,
            blank_allowed: r.blank_allowed,
            required: r.required,
            evidence: r.evidence,
            target,
        });
    }
    out
}

pub(super) fn check_target(
    ck: &mut Checker,
    r: &RawIndicator,
    set: Option<&AnswerSet>,
) -> Option<Target> {
    let is_target = matches!(set.map(|s| &s.kind), Some(AnswerKind::Target { .. }));
    let lower = match r
        .direction
        .as_ref()
        .map(|d| (d.get_ref().as_str(), d.span()))
    {
        None | Some(("higher", _)) => false,
        Some(("lower", _)) => true,
        Some((other, span)) => {
            ck.at(
                Code::F007,
                span,
                Text::new(
                    "`direction` harus \"higher\" atau \"lower\"",
                    "`direction` must be \"higher\" or \"lower\"",
                ),
            )
            .found = Some(other.to_string());
            false
        }
    };
    match (&r.target, is_target) {
        (Some(t), true) => {
            let v = *t.get_ref();
            if !(v.is_finite() && v > 0.0) {
                ck.at(
                    Code::F007,
                    t.span(),
                    Text::new(
                        "target harus lebih dari nol",
                        "a target must be greater than zero",
                    ),
                )
                .found = Some(v.to_string());
            }
            Some(Target {
                value: v,
                lower_is_better: lower,
            })
        }
        (None, true) => {
            ck.at(
                Code::F009,
                r.id.span(),
                Text::new(
                    format!(
                        "indikator `{}` memakai himpunan target dan membutuhkan `target`",
                        r.id.get_ref()
                    ),
                    format!(
                        "indicator `{}` uses a target answer set and needs a `target`",
                        r.id.get_ref()
                    ),
                ),
            );
            None
        }
        (Some(t), false) if set.is_some() => {
            ck.at(
                Code::F009,
                t.span(),
                Text::new(
                    "`target` hanya untuk himpunan jawaban jenis target",
                    "`target` is only for answer sets of kind target",
                ),
            );
            None
        }
        _ => None,
    }
}

pub(super) fn check_non_empty(
    ck: &mut Checker,
    raw: &[Spanned<RawDimension>],
    dims: &[Dimension],
    declared: &[bool],
) {
    // Iterative, so that a chain thousands of levels deep (refused by the depth check) cannot
    // overflow the stack; `budget` bounds the walk as a cycle would not.
    fn has_indicator(dims: &[Dimension], declared: &[bool], i: usize, budget: usize) -> bool {
        let mut stack = vec![(i, budget)];
        while let Some((d, budget)) = stack.pop() {
            if budget == 0 {
                continue;
            }
            if declared[d] {
                return true;
            }
            for c in &dims[d].children {
                match c {
                    Child::Indicator(_) => return true,
                    Child::Dimension(c) => stack.push((*c, budget - 1)),
                }
            }
        }
        false
    }
    for (i, d) in dims.iter().enumerate() {
        if !has_indicator(dims, declared, i, dims.len() + 1) {
            ck.at(
                Code::F006,
                raw[i].get_ref().id.span(),
                Text::new(
                    format!("dimensi `{}` tidak memiliki indikator", d.id),
                    format!("dimension `{}` has no indicators", d.id),
                ),
            );
        }
    }
}
