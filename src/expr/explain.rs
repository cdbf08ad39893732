//! Why a condition came out as it did, said positively in words: a failed
//! `not (staff_total < 5 and full_time_brokers == 0)` reads "Staff is 3, below 5, and
//! Full-time brokers is 0", never "condition does not hold: not (…)". Negations are
//! pushed inward (De Morgan), so the words state what is the case.

use super::parse::{BinOp, Func, Kind, Node};
use super::{eval::eval, format_number, Value};
use crate::i18n::Text;

/// How to name and show a metric in words.
pub trait Words {
    /// The metric's name for users (服务企业数 / Enterprises served).
    fn name(&self, id: &str) -> Text;
    /// A value of the metric as users write it (94.3%, 1,250).
    fn value(&self, id: &str, v: f64) -> String;
}

type Lookup<'a> = &'a dyn Fn(&str, i32) -> Option<Value>;

/// Why `node` evaluates to `want` (true or false), or `None` when that cannot be told
/// (a value is missing, or the node does not evaluate to `want`).
pub fn why(node: &Node, want: bool, lookup: Lookup, words: &dyn Words) -> Option<Text> {
    if eval(node, lookup).ok()?.as_bool()? != want {
        return None;
    }
    match &node.kind {
        Kind::Not(inner) => why(inner, !want, lookup, words),
        Kind::Binary { op, lhs, rhs, .. } if matches!(op, BinOp::And | BinOp::Or) => {
            // `a and b` true, or `a or b` false: both parts say why. Otherwise the first
            // part that decides it does.
            let both = (*op == BinOp::And) == want;
            let l = why(lhs, want, lookup, words);
            let r = why(rhs, want, lookup, words);
            if both {
                Some(join(l?, r?))
            } else {
                l.or(r)
            }
        }
        Kind::Binary { op, lhs, rhs, .. } => {
            let op = if want { *op } else { negate(*op)? };
            comparison(op, lhs, rhs, lookup, words)
        }
        Kind::Metric { name, offset } => {
            let subject = metric_name(name, *offset, words);
            Some(if want {
                t_pair(
                    format!("{}为是", subject.zh),
                    format!("{}: yes", subject.en),
                )
            } else {
                t_pair(format!("{}为否", subject.zh), format!("{}: no", subject.en))
            })
        }
        Kind::Has { name, offset, .. } => {
            let subject = metric_name(name, *offset, words);
            Some(if want {
                t_pair(
                    format!("已填报{}", subject.zh),
                    format!("{} is given", subject.en),
                )
            } else {
                t_pair(
                    format!("未填报{}", subject.zh),
                    format!("{} is not given", subject.en),
                )
            })
        }
        _ => None,
    }
}

fn join(a: Text, b: Text) -> Text {
    t_pair(
        format!("{}，且{}", a.zh, b.zh),
        format!("{}; and {}", a.en, b.en),
    )
}

fn t_pair(zh: String, en: String) -> Text {
    Text::new(zh, en)
}

/// The comparison that holds when `op` does not.
fn negate(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Lt => BinOp::Ge,
        BinOp::Le => BinOp::Gt,
        BinOp::Gt => BinOp::Le,
        BinOp::Ge => BinOp::Lt,
        BinOp::Eq => BinOp::Ne,
        BinOp::Ne => BinOp::Eq,
        _ => return None,
    })
}

/// "Staff is 3, below 5" for a comparison that holds.
fn comparison(
    op: BinOp,
    lhs: &Node,
    rhs: &Node,
    lookup: Lookup,
    words: &dyn Words,
) -> Option<Text> {
    let percent = is_ratio(lhs) || is_ratio(rhs);
    // A number compared with a metric is shown the way the metric is (0.6 of a
    // percentage metric is 60%).
    let subject = side(lhs, lookup, words, percent, metric_id(rhs))?;
    let other = side(rhs, lookup, words, percent, metric_id(lhs))?;
    let (zh, en) = match op {
        BinOp::Lt => ("低于", "below"),
        BinOp::Le => ("不高于", "at most"),
        BinOp::Gt => ("高于", "above"),
        BinOp::Ge => ("不低于", "at least"),
        BinOp::Eq => ("等于", "equal to"),
        BinOp::Ne => ("不等于", "not"),
        _ => return None,
    };
    // A named side with its value ("Staff is 3") then the bound ("below 5"); a bound that
    // is the same number says nothing more ("Full-time brokers is 0").
    match (&subject.name, &other.name) {
        (Some(name), None) if op == BinOp::Eq || subject.value == other.value => Some(t_pair(
            format!("{}为 {}", name.zh, subject.value),
            format!("{}: {}", name.en, subject.value),
        )),
        (Some(name), None) => Some(t_pair(
            format!("{}为 {}，{zh} {}", name.zh, subject.value, other.value),
            format!("{}: {}, {en} {}", name.en, subject.value, other.value),
        )),
        (Some(a), Some(b)) => Some(t_pair(
            format!(
                "{}（{}）{zh}{}（{}）",
                a.zh, subject.value, b.zh, other.value
            ),
            format!(
                "{} ({}) is {en} {} ({})",
                a.en, subject.value, b.en, other.value
            ),
        )),
        (None, Some(b)) => Some(t_pair(
            format!(
                "{}为 {}，{} {}",
                b.zh,
                other.value,
                mirror_zh(op),
                subject.value
            ),
            format!(
                "{}: {}, {} {}",
                b.en,
                other.value,
                mirror_en(op),
                subject.value
            ),
        )),
        (None, None) => Some(t_pair(
            format!("{} {zh} {}", subject.value, other.value),
            format!("{} is {en} {}", subject.value, other.value),
        )),
    }
}

/// The relation seen from the right-hand side: `5 > staff` is "staff below 5".
fn mirror_zh(op: BinOp) -> &'static str {
    match op {
        BinOp::Lt => "高于",
        BinOp::Le => "不低于",
        BinOp::Gt => "低于",
        BinOp::Ge => "不高于",
        BinOp::Eq => "等于",
        _ => "不等于",
    }
}

fn mirror_en(op: BinOp) -> &'static str {
    match op {
        BinOp::Lt => "above",
        BinOp::Le => "at least",
        BinOp::Gt => "below",
        BinOp::Ge => "at most",
        BinOp::Eq => "equal to",
        _ => "not",
    }
}

/// One side of a comparison: its name in words when it reads metrics, and its value.
struct Side {
    name: Option<Text>,
    value: String,
}

fn metric_id(node: &Node) -> Option<&str> {
    match &node.kind {
        Kind::Metric { name, .. } => Some(name),
        _ => None,
    }
}

fn side(
    node: &Node,
    lookup: Lookup,
    words: &dyn Words,
    percent: bool,
    compared_with: Option<&str>,
) -> Option<Side> {
    let v = eval(node, lookup).ok()?.as_number()?;
    match &node.kind {
        Kind::Num(_) if compared_with.is_some() => Some(Side {
            name: None,
            value: words.value(compared_with?, v),
        }),
        Kind::Metric { name, offset } => Some(Side {
            name: Some(metric_name(name, *offset, words)),
            value: words.value(name, v),
        }),
        Kind::Num(_) if percent => Some(Side {
            name: None,
            value: format!("{}%", format_number((v * 1000.0).round() / 10.0)),
        }),
        Kind::Num(_) => Some(Side {
            name: None,
            value: format_number(v),
        }),
        _ => Some(Side {
            name: Some(formula(node, words)?),
            value: if percent {
                format!("{}%", format_number((v * 1000.0).round() / 10.0))
            } else {
                format_number((v * 1000.0).round() / 1000.0)
            },
        }),
    }
}

/// A ratio of two amounts, shown as a percentage.
fn is_ratio(node: &Node) -> bool {
    matches!(&node.kind, Kind::Binary { op: BinOp::Div, .. })
}

/// An arithmetic formula in words: 财政收入 / 总收入.
fn formula(node: &Node, words: &dyn Words) -> Option<Text> {
    match &node.kind {
        Kind::Metric { name, offset } => Some(metric_name(name, *offset, words)),
        Kind::Num(x) => {
            let s = format_number(*x);
            Some(t_pair(s.clone(), s))
        }
        Kind::Neg(inner) => {
            let t = formula(inner, words)?;
            Some(t_pair(format!("-{}", t.zh), format!("-{}", t.en)))
        }
        Kind::Binary { op, lhs, rhs, .. } => {
            let sym = match op {
                BinOp::Add => "+",
                BinOp::Sub => "-",
                BinOp::Mul => "×",
                BinOp::Div => "/",
                _ => return None,
            };
            let (l, r) = (formula(lhs, words)?, formula(rhs, words)?);
            Some(t_pair(
                format!("{} {sym} {}", l.zh, r.zh),
                format!("{} {sym} {}", l.en, r.en),
            ))
        }
        Kind::Call { func, args } => {
            let f = match func {
                Func::Abs => "abs",
                Func::Min => "min",
                Func::Max => "max",
            };
            let parts: Option<Vec<Text>> = args.iter().map(|a| formula(a, words)).collect();
            let parts = parts?;
            let zh: Vec<&str> = parts.iter().map(|p| p.zh.as_str()).collect();
            let en: Vec<&str> = parts.iter().map(|p| p.en.as_str()).collect();
            Some(t_pair(
                format!("{f}({})", zh.join(", ")),
                format!("{f}({})", en.join(", ")),
            ))
        }
        _ => None,
    }
}

fn metric_name(id: &str, offset: i32, words: &dyn Words) -> Text {
    let name = words.name(id);
    match offset {
        0 => name,
        -1 => t_pair(
            format!("上年{}", name.zh),
            format!("{} the year before", name.en),
        ),
        n => t_pair(
            format!("{}年前的{}", -n, name.zh),
            format!("{} {} years before", name.en, -n),
        ),
    }
}
