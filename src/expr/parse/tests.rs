use super::super::{Expr, DEFAULT_MAX_DEPTH};
use super::*;

fn types(id: &str) -> Option<Type> {
    match id {
        "a" | "b" | "c" | "x" | "y" | "revenue_fiscal" | "revenue_total" | "staff" => {
            Some(Type::Number)
        }
        "flag" | "certified" => Some(Type::Bool),
        _ => None,
    }
}

fn parse_ok(src: &str) -> Node {
    match parse(src, &types, &Limits::default()) {
        Ok(p) => p.root,
        Err(e) => panic!("{src:?} failed: {e:?}"),
    }
}

fn err(src: &str) -> ExprError {
    err_with(src, &Limits::default())
}

fn err_with(src: &str, limits: &Limits) -> ExprError {
    match parse(src, &types, limits) {
        Ok(p) => panic!("{src:?} unexpectedly parsed: {:?}", p.root),
        Err(e) => e,
    }
}

/// Fully parenthesized rendering of the tree, for precedence tests.
fn sexpr(n: &Node) -> String {
    match &n.kind {
        Kind::Num(x) => format!("{x}"),
        Kind::Bool(b) => format!("{b}"),
        Kind::Metric { name, offset: 0 } => name.clone(),
        Kind::Metric { name, offset } => format!("{name}[{offset}]"),
        Kind::Has { name, offset, .. } => format!("has({name}[{offset}])"),
        Kind::Neg(x) => format!("(neg {})", sexpr(x)),
        Kind::Not(x) => format!("(not {})", sexpr(x)),
        Kind::Binary { op, lhs, rhs, .. } => {
            let sym = match op {
                BinOp::Add => "+",
                BinOp::Sub => "-",
                BinOp::Mul => "*",
                BinOp::Div => "/",
                BinOp::Lt => "<",
                BinOp::Le => "<=",
                BinOp::Gt => ">",
                BinOp::Ge => ">=",
                BinOp::Eq => "==",
                BinOp::Ne => "!=",
                BinOp::And => "and",
                BinOp::Or => "or",
            };
            format!("({sym} {} {})", sexpr(lhs), sexpr(rhs))
        }
        Kind::Call { func, args } => {
            let args: Vec<String> = args.iter().map(sexpr).collect();
            format!("({func:?} {})", args.join(" "))
        }
    }
}

fn tree(src: &str) -> String {
    sexpr(&parse_ok(src))
}

fn assert_err(src: &str, column: usize, len: usize, fragment: &str) {
    let e = err(src);
    assert!(
        e.message.en.contains(fragment),
        "{src:?}: message {:?} lacks {fragment:?}",
        e.message.en
    );
    assert_eq!((e.column, e.len), (column, len), "{src:?}: {e:?}");
    assert!(!e.message.zh.is_empty());
}

#[test]
fn literals() {
    assert_eq!(tree("0.6"), "0.6");
    assert_eq!(tree("5"), "5");
    assert_eq!(tree("1e3"), "1000");
    assert_eq!(tree("2.5E-1"), "0.25");
    assert_eq!(tree("60%"), "0.6");
    assert_eq!(tree("12.5%"), "0.125");
    assert_eq!(tree("true"), "true");
    assert_eq!(tree("false"), "false");
    assert_eq!(tree("1e-999"), "0");
}

#[test]
fn metrics_and_offsets() {
    assert_eq!(tree("revenue_total"), "revenue_total");
    assert_eq!(tree("a[-1]"), "a[-1]");
    assert_eq!(tree("a [ - 2 ]"), "a[-2]");
    assert_eq!(tree("a[0]"), "a");
    assert_eq!(tree("a[-0]"), "a");
    assert_eq!(tree("a[-100]"), "a[-100]");
}

#[test]
fn arithmetic_precedence() {
    assert_eq!(tree("a + b * c"), "(+ a (* b c))");
    assert_eq!(tree("a * b + c"), "(+ (* a b) c)");
    assert_eq!(tree("a - b - c"), "(- (- a b) c)");
    assert_eq!(tree("a / b / c"), "(/ (/ a b) c)");
    assert_eq!(tree("(a + b) * c"), "(* (+ a b) c)");
    assert_eq!(tree("-a * b"), "(* (neg a) b)");
    assert_eq!(tree("- -a"), "(neg (neg a))");
    assert_eq!(tree("a - -b"), "(- a (neg b))");
    assert_eq!(tree("a*-b"), "(* a (neg b))");
}

#[test]
fn boolean_precedence() {
    assert_eq!(
        tree("a < b or b < c and flag"),
        "(or (< a b) (and (< b c) flag))"
    );
    assert_eq!(tree("not a < b"), "(not (< a b))");
    assert_eq!(tree("not flag and certified"), "(and (not flag) certified)");
    assert_eq!(
        tree("!flag || certified && flag"),
        "(or (not flag) (and certified flag))"
    );
    assert_eq!(tree("not not flag"), "(not (not flag))");
    assert_eq!(tree("a + 1 >= b * 2"), "(>= (+ a 1) (* b 2))");
    assert_eq!(tree("flag == (a != b)"), "(== flag (!= a b))");
    assert_eq!(tree("a<=b&&b>c"), "(and (<= a b) (> b c))");
}

#[test]
fn functions() {
    assert_eq!(tree("abs(a - b)"), "(Abs (- a b))");
    assert_eq!(tree("min(a, b, 3)"), "(Min a b 3)");
    assert_eq!(tree("max(a, min(b, c))"), "(Max a (Min b c))");
    assert_eq!(tree("has(a)"), "has(a[0])");
    assert_eq!(
        tree("has(a[-1]) and a[-1] > 0"),
        "(and has(a[-1]) (> a[-1] 0))"
    );
}

#[test]
fn spans_cover_subexpressions() {
    let n = parse_ok("  (a + b) * abs(c) ");
    assert_eq!((n.offset, n.len), (2, 16));
    if let Kind::Binary {
        lhs,
        rhs,
        op_offset,
        ..
    } = &n.kind
    {
        assert_eq!((lhs.offset, lhs.len), (2, 7));
        assert_eq!((rhs.offset, rhs.len), (12, 6));
        assert_eq!(op_offset, &10);
    } else {
        panic!("not binary");
    }
}

#[test]
fn references_dedup_in_order() {
    let p = parse(
        "b + a[-1] + b + a > 0 and has(c[-2]) and has(b)",
        &types,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        p.refs,
        vec![
            ("b".to_string(), 0),
            ("a".to_string(), -1),
            ("a".to_string(), 0),
            ("c".to_string(), -2),
        ]
    );
}

#[test]
fn unknown_metric_column() {
    let e = err("revenue_fiscal / revenu_total <= 0.6");
    assert_eq!(e.message.en, "unknown metric `revenu_total`");
    assert_eq!(e.message.zh, "未知指标 `revenu_total`");
    assert_eq!((e.offset, e.column, e.len), (17, 18, 12));
    // Unknown metrics inside has() are errors too.
    assert_err("has(nope[-1])", 5, 4, "unknown metric `nope`");
}

#[test]
fn type_errors_with_columns() {
    assert_err(
        "revenue_fiscal + true",
        18,
        4,
        "`+` expects number operands, found bool",
    );
    assert_err("not 3", 5, 1, "`not` expects bool operands, found number");
    assert_err("!a", 2, 1, "`!` expects bool operands");
    assert_err(
        "abs(true)",
        5,
        4,
        "`abs` expects number arguments, found bool",
    );
    assert_err("max(1, flag)", 8, 4, "`max` expects number arguments");
    assert_err(
        "true < false",
        1,
        4,
        "`<` expects number operands, found bool",
    );
    assert_err("(a > 1) < 2", 1, 7, "`<` expects number operands");
    assert_err(
        "a and flag",
        1,
        1,
        "`and` expects bool operands, found number",
    );
    assert_err("flag || b", 9, 1, "`||` expects bool operands");
    assert_err("-flag", 2, 4, "`-` expects number operands");
    assert_err("a == flag", 6, 4, "`==` cannot compare number with bool");
    assert_err("flag != 1", 9, 1, "`!=` cannot compare bool with number");
    assert_err("certified * 2", 1, 9, "`*` expects number operands");
}

#[test]
fn bools_can_be_compared_for_equality() {
    assert_eq!(tree("flag == true"), "(== flag true)");
    assert_eq!(tree("(a > b) != flag"), "(!= (> a b) flag)");
}

#[test]
fn arity_errors() {
    assert_err("abs(a, b)", 1, 3, "`abs` takes exactly 1 argument, found 2");
    assert_err("abs()", 1, 3, "`abs` takes exactly 1 argument, found 0");
    assert_err("min(a)", 1, 3, "`min` takes at least 2 arguments, found 1");
    assert_err("max()", 1, 3, "`max` takes at least 2 arguments, found 0");
    assert_err("has(a, b)", 1, 3, "`has` takes exactly 1 argument");
    assert_err("sqrt(a)", 1, 4, "unknown function `sqrt`");
}

#[test]
fn has_requires_a_metric() {
    assert_err("has(1)", 5, 1, "`has` expects a metric id");
    assert_err("has(abs(a))", 5, 3, "`has` expects a metric id");
    assert_err("has(a + b)", 7, 1, "expected `)` after the metric id");
    assert_err("has(", 5, 0, "`(` at column 4 is not closed");
    assert_err("has(a", 6, 0, "`(` at column 4 is not closed");
}

#[test]
fn syntax_errors() {
    assert_err("a <= ", 6, 0, "unexpected end of expression");
    assert_err("a < b < c", 7, 1, "comparisons cannot be chained");
    assert_err("a == b != c", 8, 2, "comparisons cannot be chained");
    assert_err("not a < b + 1 >= c", 15, 2, "comparisons cannot be chained");
    assert_err("(a + b", 7, 0, "`(` at column 1 is not closed");
    assert_err(
        "(a + b c",
        8,
        1,
        "expected `)` to close `(` at column 1, found `c`",
    );
    assert_err("a + b)", 6, 1, "unmatched `)`");
    assert_err("a b", 3, 1, "unexpected `b`");
    assert_err(
        "a + * b",
        5,
        1,
        "expected a number, metric id or `(`, found `*`",
    );
    assert_err(
        "min(a b)",
        7,
        1,
        "expected `,` or `)` in the argument list, found `b`",
    );
    assert_err("min(a, b,)", 10, 1, "found `)`");
    assert_err("min(a,", 7, 0, "`(` at column 4 is not closed");
    assert_err("()", 2, 1, "found `)`");
    assert_err(
        "(a + ",
        6,
        0,
        "unexpected end of expression; `(` at column 1 is not closed",
    );
    assert_err("abs((a) * ", 11, 0, "`(` at column 4 is not closed");
    assert_err(
        "a[-",
        4,
        0,
        "unexpected end of expression; expected a year offset",
    );
}

#[test]
fn empty_expression() {
    assert_err("", 1, 0, "empty expression");
    assert_err("   ", 1, 3, "empty expression");
}

#[test]
fn lexical_errors() {
    assert_err("a = b", 3, 1, "use `==`");
    assert_err("flag & flag", 6, 1, "use `and` or `&&`");
    assert_err("flag | flag", 6, 1, "use `or` or `||`");
    assert_err("a % 2", 3, 1, "`%` must directly follow a number");
    assert_err("1.2.3", 1, 5, "malformed number `1.2.3`");
    assert_err("5abc + a", 1, 4, "malformed number `5abc`");
    assert_err("5.", 1, 2, "malformed number `5.`");
    assert_err("1e+", 1, 2, "malformed number `1e`");
    assert_err("1e999", 1, 5, "number `1e999` is too large");
    assert_err("a # b", 3, 1, "unexpected character `#`");
    assert_err("Revenue", 1, 7, "identifiers must be lowercase");
    assert_err("a AND b", 3, 3, "did you mean `and`?");
    assert_err(".5", 1, 1, "unexpected character `.`");
}

#[test]
fn unicode_errors_use_character_columns() {
    // `（` is 3 bytes but one column.
    let e = err("a + （b）");
    assert_eq!((e.offset, e.len, e.column), (4, 3, 5));
    assert!(e.message.en.contains("use ASCII `(`"), "{e:?}");
    assert!(e.message.zh.contains("半角"));
    let e = err("a ≤ b");
    assert!(e.message.en.contains("`<=`"));
    let e = err("a\u{3000}+ b");
    assert_eq!((e.offset, e.len, e.column), (1, 3, 2));
    assert!(e.message.en.contains("space"));
    let e = err("营收 > 1");
    assert_eq!((e.offset, e.len, e.column), (0, 3, 1));
    // A later error after non-ASCII text gets a character column.
    let e = err("a > 1 and b < ");
    assert_eq!(e.column, 15);
    let e = err("a\u{0}");
    assert!(e.message.en.contains("\\0"), "{e:?}");
}

#[test]
fn year_offset_errors() {
    assert_err("a[1]", 3, 1, "year offset must be 0 or negative");
    assert_err("a[-1.5]", 3, 4, "year offset must be a whole number");
    assert_err("a[-10%]", 3, 4, "whole number");
    assert_err("a[-101]", 3, 4, "out of range");
    assert_err("a[-99999999999999999999999]", 3, 24, "out of range");
    assert_err(
        "a[b]",
        3,
        1,
        "expected a year offset such as `-1`, found `b`",
    );
    assert_err("a[-1", 5, 0, "`[` at column 2 is not closed");
    assert_err(
        "a[-1 + 2]",
        6,
        1,
        "expected `]` to close `[` at column 2, found `+`",
    );
    assert_err("a[]", 3, 1, "found `]`");
}

#[test]
fn keywords_are_not_metrics() {
    assert_err("and", 1, 3, "found `and`");
    assert_err("a + or", 5, 2, "found `or`");
}

#[test]
fn length_limit() {
    let long = format!("a{}", " + a".repeat(2000));
    let e = err(&long);
    assert!(e.message.en.contains("too long"), "{e:?}");
    assert_eq!(e.offset, 4096);
    // Limit falling inside a multi-byte character.
    let e = err_with(
        "a + 营",
        &Limits {
            max_len: 5,
            max_depth: 10,
        },
    );
    assert_eq!((e.offset, e.len, e.column), (4, 3, 5));
    assert!(e.message.zh.contains("过长"));
}

#[test]
fn depth_limit_on_deep_parentheses_is_fast() {
    let deep = "(".repeat(100_000);
    let start = std::time::Instant::now();
    let e = err(&deep);
    assert!(e.message.en.contains("too long"));
    let unlimited = Limits {
        max_len: usize::MAX,
        max_depth: usize::MAX,
    };
    let src = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
    let e = err_with(&src, &unlimited);
    assert!(
        e.message.en.contains(&format!(
            "nested too deeply (limit {HARD_MAX_DEPTH} levels)"
        )),
        "{e:?}"
    );
    assert_eq!(e.column, HARD_MAX_DEPTH + 1);
    let e = err_with(
        &src,
        &Limits {
            max_len: usize::MAX,
            max_depth: DEFAULT_MAX_DEPTH,
        },
    );
    assert_eq!(e.column, DEFAULT_MAX_DEPTH + 1);
    assert!(e.message.zh.contains("嵌套过深"));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn depth_limit_on_prefix_chains_and_long_sums() {
    let unlimited = Limits {
        max_len: usize::MAX,
        max_depth: usize::MAX,
    };
    for src in [
        format!("{}1", "-".repeat(100_000)),
        format!("{}flag", "not ".repeat(100_000)),
        format!("{}flag", "!".repeat(100_000)),
        format!("1{}", " + 1".repeat(100_000)),
        format!("{}1{}", "abs(".repeat(50_000), ")".repeat(50_000)),
        format!("a{}", "[-1]".repeat(3)),
    ] {
        let e = err_with(&src, &unlimited);
        assert!(
            e.message.en.contains("nested too deeply") || e.message.en.contains("unexpected `[`"),
            "{e:?}"
        );
    }
    // The default limit: 64 levels are fine, 65 are not.
    assert!(parse(&format!("{}1", "-".repeat(63)), &types, &Limits::default()).is_ok());
    let e = err(&format!("{}1", "-".repeat(64)));
    assert!(e.message.en.contains("limit 64"), "{e:?}");
    assert!(parse(&format!("1{}", "+1".repeat(63)), &types, &Limits::default()).is_ok());
    assert!(err(&format!("1{}", "+1".repeat(64)))
        .message
        .en
        .contains("limit 64"));
}

#[test]
fn maximum_depth_compiles_and_evaluates_on_small_stack() {
    // The deepest accepted tree must be safe on a 2 MiB thread stack in
    // debug builds, for parsing, evaluation, cloning and dropping.
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let unlimited = Limits {
                max_len: usize::MAX,
                max_depth: usize::MAX,
            };
            let build = |n: usize| {
                [
                    format!("{}1", "-".repeat(n)),
                    format!("{}x{}", "(".repeat(n), ")".repeat(n)),
                    format!("{}x{}", "min(1e9, ".repeat(n), ")".repeat(n)),
                    format!("{}flag", "not ".repeat(n)),
                    format!("x{}", " * 1".repeat(n)),
                ]
            };
            let lookup = |id: &str, _: i32| {
                Some(if id == "flag" {
                    super::super::Value::Bool(true)
                } else {
                    super::super::Value::Number(2.0)
                })
            };
            for src in build(HARD_MAX_DEPTH - 1) {
                let e = Expr::compile(&src, &types, &unlimited).unwrap();
                let copy = e.clone();
                assert!(copy.eval(&lookup).is_ok());
                assert!(e.eval(&lookup).is_ok());
            }
            for src in build(HARD_MAX_DEPTH) {
                assert!(Expr::compile(&src, &types, &unlimited).is_err());
            }
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn never_panics_on_generated_input() {
    const PIECES: &[&str] = &[
        "a",
        "b",
        "flag",
        "x[-1]",
        "[",
        "]",
        "-",
        "+",
        "*",
        "/",
        "(",
        ")",
        "<",
        "<=",
        "==",
        "!=",
        "!",
        "not",
        "and",
        "or",
        "&&",
        "||",
        "has(",
        "abs(",
        "min(",
        ",",
        "1",
        "0",
        "2.5",
        "60%",
        "1e3",
        "true",
        "false",
        " ",
        "营",
        "（",
        "%",
        "=",
        "&",
        ".",
        "e",
        "9999999999999999999999",
        "\u{0}",
        "é",
        "nope",
        "[-1]",
        "[1]",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let limits = Limits {
        max_len: 200,
        max_depth: 12,
    };
    let mut compiled = 0;
    for _ in 0..20_000 {
        let n = (next() % 12) as usize;
        let src: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        match Expr::compile(&src, &types, &limits) {
            Ok(e) => {
                compiled += 1;
                let _ = e.eval(&|_, o| (o == 0).then_some(super::super::Value::Number(0.0)));
                let _ = e.references();
            }
            Err(e) => {
                assert!(e.offset <= src.len(), "{src:?}: {e:?}");
                assert!(e.offset + e.len <= src.len(), "{src:?}: {e:?}");
                assert!(src.is_char_boundary(e.offset), "{src:?}: {e:?}");
                assert!(e.column >= 1);
                assert!(!e.message.en.is_empty() && !e.message.zh.is_empty());
                assert!(
                    e.len > 0 || e.offset == src.len() || e.message.en.contains("empty"),
                    "{src:?}: {e:?}"
                );
            }
        }
    }
    assert!(compiled > 100, "only {compiled} inputs compiled");
}
