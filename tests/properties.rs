//! Property tests (proptest) for the hand-written parsers hostile text reaches most: the
//! prose figure extractor, the revision-date finder and the expression language.

use std::collections::HashMap;

use proptest::prelude::*;
use sscheck::expr::{EvalError, Expr, Limits, Type, Value, REL_EPSILON};
use sscheck::figures::{find_statements, parse_number, Frame, ProseSpec};

// ------------------------------------------------------------------ dates

/// Pieces of documents around their dates: acts, dates in every form, sentence ends of
/// every width, self-references, labels, line breaks, long runs.
fn dated_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("修订日期：".to_string()),
        Just("本制度自".to_string()),
        Just("起施行".to_string()),
        Just("会议通过".to_string()),
        Just("发布".to_string()),
        Just("公布".to_string()),
        Just("——".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just("；".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("# 标题\n".to_string()),
        Just("二○○四年十月一日".to_string()),
        Just("２０２３年５月".to_string()),
        Just("REVISED ".to_string()),
        (1990u32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        (1990u32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        "[一-龥]{1,30}",
        ".{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_date_finder_never_panics_and_its_span_is_a_date(
        pieces in proptest::collection::vec(dated_piece(), 0..60),
    ) {
        // Between a head and a tail of prose, so that dates in the middle are read as
        // the body's, where whether they are the document's own is decided by their
        // sentence.
        let edge = "本中心按照规范开展服务工作，持续改进服务质量。\n".repeat(12);
        let text = format!("{edge}{}{edge}", pieces.concat());
        if let Some(d) = sscheck::checks::freshness::latest_dated(&text) {
            prop_assert!(d.span.start < d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            prop_assert!((1..=12).contains(&d.date.1) && (1..=31).contains(&d.date.2));
        }
    }
}

// ------------------------------------------------------------------ figures

/// Frames of the figure before its noun, read in every random text below too.
static FRAMES: std::sync::LazyLock<Vec<Frame>> = std::sync::LazyLock::new(|| {
    ["服务{n}企业", "为{n}企业提供服务", "{n}技术合同"]
        .iter()
        .filter_map(|f| Frame::parse(f))
        .collect()
});

fn spec<'a>(terms: &'a [String], units: &'a [String], base: Option<&'a str>) -> ProseSpec<'a> {
    ProseSpec {
        terms,
        frames: &FRAMES,
        units,
        money_base: base,
        percent: units.iter().any(|u| u == "%"),
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Pieces Chinese prose is made of, so that random text often looks like statements.
fn prose_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("服务企业".to_string()),
        Just("服务".to_string()),
        Just("企业".to_string()),
        Just("为".to_string()),
        Just("提供了".to_string()),
        Just("满意度".to_string()),
        Just("技术合同成交额".to_string()),
        Just("培训".to_string()),
        Just("同比增长".to_string()),
        Just("累计".to_string()),
        Just("万".to_string()),
        Just("亿元".to_string()),
        Just("家".to_string()),
        Just("人次".to_string()),
        Just("%".to_string()),
        Just("％".to_string()),
        Just("，".to_string()),
        Just(",".to_string()),
        Just("．".to_string()),
        Just(".".to_string()),
        Just("。".to_string()),
        Just("\n".to_string()),
        Just("|".to_string()),
        "[0-9０-９]{1,6}",
        "[一二三十百千万亿两零]{1,4}",
        any::<char>().prop_map(String::from),
    ]
}

fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(prose_piece(), 0..40).prop_map(|v| v.concat())
}

/// A number as people write it, and the value it means.
#[derive(Debug, Clone)]
struct Written {
    text: String,
    value: f64,
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            ',' => '，',
            '.' => '．',
            '%' => '％',
            c => c,
        })
        .collect()
}

fn grouped(int: u64) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn written_number() -> impl Strategy<Value = Written> {
    (
        0u64..100_000_000,
        prop::option::of((1u32..=3, 0u64..1000)),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(""), Just("万"), Just("亿"), Just("%")],
    )
        .prop_map(|(int, frac, group, wide, suffix)| {
            let mut text = if group { grouped(int) } else { int.to_string() };
            let mut decimal = int.to_string();
            if let Some((len, f)) = frac {
                let f = f % 10u64.pow(len);
                let f = format!("{f:0width$}", width = len as usize);
                text.push('.');
                text.push_str(&f);
                decimal.push('.');
                decimal.push_str(&f);
            }
            text.push_str(suffix);
            let exp = match suffix {
                "万" => 4,
                "亿" => 8,
                "%" => -2,
                _ => 0,
            };
            let value: f64 = format!("{decimal}e{exp}").parse().unwrap();
            let text = if wide { full_width(&text) } else { text };
            Written { text, value }
        })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn figure_extractor_never_panics_and_spans_are_sound(text in prose(), noise in ".{0,40}") {
        let text = format!("{text}{noise}");
        let terms = strings(&["服务企业", "满意度", "技术合同成交额", "培训"]);
        for (units, base) in [
            (strings(&["家"]), None),
            (strings(&["%"]), None),
            (strings(&["元"]), Some("万元")),
            (strings(&["人次", "人"]), None),
        ] {
            let found = find_statements(&text, &spec(&terms, &units, base));
            let mut last = 0;
            for f in &found {
                prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
                prop_assert!(text.is_char_boundary(f.span.start));
                prop_assert!(text.is_char_boundary(f.span.end));
                prop_assert!(f.span.start >= last);
                last = f.span.start;
                prop_assert!(f.value.is_finite());
            }
        }
        let _ = parse_number(&text);
    }

    #[test]
    fn a_written_number_parses_to_its_value(w in written_number()) {
        let parsed = parse_number(&w.text);
        prop_assert!(parsed.is_some_and(|v| close(v, w.value)), "{:?} -> {:?}", w, parsed);
    }

    #[test]
    fn a_stated_figure_is_found_with_its_span(w in written_number()) {
        // As a count: 家 after the number (万/亿 multiply, a percent is not a count).
        let terms = strings(&["服务企业"]);
        let units = strings(&["家"]);
        let text = format!("2024年，中心全年服务企业{}家，同比增长5.0%。", w.text);
        let found = find_statements(&text, &spec(&terms, &units, None));
        if w.text.ends_with(['%', '％']) {
            prop_assert!(found.is_empty(), "{:?}", found);
        } else {
            prop_assert_eq!(found.len(), 1, "{}", text);
            let f = &found[0];
            prop_assert!(close(f.value, w.value), "{} -> {}", text, f.value);
            prop_assert_eq!(&text[f.span.clone()], format!("{}家", w.text));
        }
        // As money in 元 with the metric in 万元.
        if !w.text.ends_with(['%', '％']) {
            let terms = strings(&["技术合同成交额"]);
            let units = strings(&["元"]);
            let text = format!("全年技术合同成交额{}元，同比下降2.1%。", w.text);
            let found = find_statements(&text, &spec(&terms, &units, Some("万元")));
            prop_assert_eq!(found.len(), 1, "{}", text);
            prop_assert!(close(found[0].value, w.value / 1e4), "{} -> {}", text, found[0].value);
        }
    }
}

// ------------------------------------------------------------------ expressions

/// A well-typed expression, built as a tree so it can be both rendered and evaluated
/// by the reference evaluator below.
#[derive(Debug, Clone)]
enum E {
    Num(String),
    Percent(u32),
    Metric(&'static str, i32),
    Bool(bool),
    Flag,
    Has(&'static str, i32),
    Neg(Box<E>),
    Not(Box<E>),
    Arith(char, Box<E>, Box<E>),
    Cmp(&'static str, Box<E>, Box<E>),
    BoolEq(&'static str, Box<E>, Box<E>),
    Logic(&'static str, Box<E>, Box<E>),
    Call(&'static str, Vec<E>),
}

fn num_expr() -> impl Strategy<Value = E> {
    let leaf = prop_oneof![
        (0u32..10_000, prop::option::of(0u32..100)).prop_map(|(i, f)| E::Num(match f {
            Some(f) => format!("{i}.{f:02}"),
            None => i.to_string(),
        })),
        (0u32..=200).prop_map(E::Percent),
        (prop_oneof![Just("a"), Just("b"), Just("c")], -2i32..=0)
            .prop_map(|(m, o)| E::Metric(m, o)),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| E::Neg(Box::new(e))),
            (
                prop_oneof![Just('+'), Just('-'), Just('*'), Just('/')],
                inner.clone(),
                inner.clone()
            )
                .prop_map(|(op, l, r)| E::Arith(op, Box::new(l), Box::new(r))),
            (
                prop_oneof![Just("abs"), Just("min"), Just("max")],
                prop::collection::vec(inner, 2..4)
            )
                .prop_map(|(f, mut args)| {
                    // abs takes one argument, min and max two or more.
                    if f == "abs" {
                        args.truncate(1);
                    }
                    E::Call(f, args)
                }),
        ]
    })
}

fn bool_expr() -> impl Strategy<Value = E> {
    let cmp = (
        prop_oneof![
            Just("<"),
            Just("<="),
            Just(">"),
            Just(">="),
            Just("=="),
            Just("!=")
        ],
        num_expr(),
        num_expr(),
    )
        .prop_map(|(op, l, r)| E::Cmp(op, Box::new(l), Box::new(r)));
    let leaf = prop_oneof![
        any::<bool>().prop_map(E::Bool),
        Just(E::Flag),
        (prop_oneof![Just("a"), Just("b"), Just("c")], -2i32..=0).prop_map(|(m, o)| E::Has(m, o)),
        cmp,
    ];
    leaf.prop_recursive(3, 16, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| E::Not(Box::new(e))),
            (
                prop_oneof![Just("and"), Just("or"), Just("&&"), Just("||")],
                inner.clone(),
                inner.clone()
            )
                .prop_map(|(op, l, r)| E::Logic(op, Box::new(l), Box::new(r))),
            (prop_oneof![Just("=="), Just("!=")], inner.clone(), inner)
                .prop_map(|(op, l, r)| E::BoolEq(op, Box::new(l), Box::new(r))),
        ]
    })
}

fn render(e: &E) -> String {
    match e {
        E::Num(s) => s.clone(),
        E::Percent(p) => format!("{p}%"),
        E::Metric(m, 0) => m.to_string(),
        E::Metric(m, o) => format!("{m}[{o}]"),
        E::Bool(b) => b.to_string(),
        E::Flag => "flag".to_string(),
        E::Has(m, 0) => format!("has({m})"),
        E::Has(m, o) => format!("has({m}[{o}])"),
        E::Neg(x) => format!("-({})", render(x)),
        E::Not(x) => format!("not ({})", render(x)),
        E::Arith(op, l, r) => format!("({}) {op} ({})", render(l), render(r)),
        E::Cmp(op, l, r) | E::BoolEq(op, l, r) | E::Logic(op, l, r) => {
            format!("({}) {op} ({})", render(l), render(r))
        }
        E::Call(f, args) => format!(
            "{f}({})",
            args.iter().map(render).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Errors as the reference evaluator sees them.
#[derive(Debug, PartialEq)]
enum RefErr {
    Missing(String, i32),
    DivZero,
    NotFinite,
}

type Data = HashMap<(&'static str, i32), Value>;

fn approx(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= REL_EPSILON * a.abs().max(b.abs())
}

fn finite(x: f64) -> Result<f64, RefErr> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(RefErr::NotFinite)
    }
}

/// The documented semantics, written independently of src/expr/eval.rs: left to right,
/// `and`/`or` short-circuit, missing values are errors outside `has`, comparisons and
/// equality with a relative tolerance, division by zero and overflow are errors.
fn num(e: &E, d: &Data) -> Result<f64, RefErr> {
    match e {
        E::Num(s) => Ok(s.parse().unwrap()),
        E::Percent(p) => Ok(f64::from(*p) / 100.0),
        E::Metric(m, o) => match d.get(&(*m, *o)) {
            Some(Value::Number(x)) if x.is_finite() => Ok(*x),
            _ => Err(RefErr::Missing(m.to_string(), *o)),
        },
        E::Neg(x) => finite(-num(x, d)?),
        E::Arith(op, l, r) => {
            let (a, b) = (num(l, d)?, num(r, d)?);
            match op {
                '+' => finite(a + b),
                '-' => finite(a - b),
                '*' => finite(a * b),
                _ if b == 0.0 => Err(RefErr::DivZero),
                _ => finite(a / b),
            }
        }
        E::Call(f, args) => {
            let mut acc: Option<f64> = None;
            for a in args {
                let x = num(a, d)?;
                acc = Some(match (*f, acc) {
                    ("abs", _) => x.abs(),
                    (_, None) => x,
                    ("min", Some(m)) => m.min(x),
                    (_, Some(m)) => m.max(x),
                });
            }
            finite(acc.unwrap())
        }
        _ => unreachable!("not a number expression: {e:?}"),
    }
}

fn truth(e: &E, d: &Data) -> Result<bool, RefErr> {
    match e {
        E::Bool(b) => Ok(*b),
        E::Flag => match d.get(&("flag", 0)) {
            Some(Value::Bool(b)) => Ok(*b),
            _ => Err(RefErr::Missing("flag".into(), 0)),
        },
        E::Has(m, o) => Ok(matches!(d.get(&(*m, *o)), Some(Value::Number(x)) if x.is_finite())),
        E::Not(x) => Ok(!truth(x, d)?),
        E::Logic(op, l, r) => Ok(if op.starts_with('a') || *op == "&&" {
            truth(l, d)? && truth(r, d)?
        } else {
            truth(l, d)? || truth(r, d)?
        }),
        E::BoolEq(op, l, r) => {
            let eq = truth(l, d)? == truth(r, d)?;
            Ok(eq == (*op == "=="))
        }
        E::Cmp(op, l, r) => {
            let (a, b) = (num(l, d)?, num(r, d)?);
            Ok(match *op {
                "<" => a < b && !approx(a, b),
                "<=" => a <= b || approx(a, b),
                ">" => a > b && !approx(a, b),
                ">=" => a >= b || approx(a, b),
                "==" => approx(a, b),
                _ => !approx(a, b),
            })
        }
        _ => unreachable!("not a bool expression: {e:?}"),
    }
}

fn types(id: &str) -> Option<Type> {
    match id {
        "a" | "b" | "c" => Some(Type::Number),
        "flag" => Some(Type::Bool),
        _ => None,
    }
}

fn data() -> impl Strategy<Value = Data> {
    let value = prop_oneof![
        3 => (-1000i32..1000).prop_map(|x| Some(f64::from(x) / 4.0)),
        1 => Just(Some(0.0)),
        1 => Just(Some(1e300)),
        1 => Just(None),
    ];
    (
        prop::collection::vec(value, 9),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(vals, flag)| {
            let mut d = Data::new();
            let mut it = vals.into_iter();
            for m in ["a", "b", "c"] {
                for o in [0, -1, -2] {
                    if let Some(Some(x)) = it.next() {
                        d.insert((m, o), Value::Number(x));
                    }
                }
            }
            if let Some(f) = flag {
                d.insert(("flag", 0), Value::Bool(f));
            }
            d
        })
}

fn check(e: &E, is_bool: bool, d: &Data) -> Result<(), TestCaseError> {
    let src = render(e);
    let expr = Expr::compile(&src, &types, &Limits::default())
        .map_err(|err| TestCaseError::fail(format!("{src:?} does not compile: {err}")))?;
    prop_assert_eq!(
        expr.result_type(),
        if is_bool { Type::Bool } else { Type::Number }
    );
    let got = expr.eval(&|id, off| {
        types(id)?;
        d.iter()
            .find(|((m, o), _)| *m == id && *o == off)
            .map(|(_, v)| *v)
    });
    let want: Result<Value, RefErr> = if is_bool {
        truth(e, d).map(Value::Bool)
    } else {
        num(e, d).map(Value::Number)
    };
    match (&got, &want) {
        (Ok(g), Ok(w)) => prop_assert_eq!(g, w, "{}", src),
        (Err(EvalError::Missing { metric, offset }), Err(RefErr::Missing(m, o))) => {
            prop_assert_eq!((metric, offset), (m, o), "{}", src)
        }
        (Err(EvalError::DivisionByZero { .. }), Err(RefErr::DivZero)) => {}
        (Err(EvalError::NotFinite), Err(RefErr::NotFinite)) => {}
        _ => prop_assert!(false, "{src}: sscheck {got:?}, reference {want:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn numeric_expressions_agree_with_the_reference(e in num_expr(), d in data()) {
        check(&e, false, &d)?;
    }

    #[test]
    fn boolean_expressions_agree_with_the_reference(e in bool_expr(), d in data()) {
        check(&e, true, &d)?;
    }

    #[test]
    fn arbitrary_source_never_panics(src in "[a-c()\\[\\]0-9.%+*/<>=!&| -]{0,60}|.{0,60}") {
        if let Ok(expr) = Expr::compile(&src, &types, &Limits::default()) {
            let _ = expr.eval(&|_, _| Some(Value::Number(0.0)));
        }
    }
}
