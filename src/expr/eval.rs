//! Evaluation of compiled expressions.
//!
//! The tree was type-checked and its height bounded at compile time, so the
//! recursion here is bounded by [`super::HARD_MAX_DEPTH`].

use super::parse::{BinOp, Func, Kind, Node};
use super::{EvalError, Type, Value, REL_EPSILON};

/// Evaluates `node`, reading metrics through `lookup`.
pub fn eval(node: &Node, lookup: &dyn Fn(&str, i32) -> Option<Value>) -> Result<Value, EvalError> {
    match &node.kind {
        Kind::Num(x) => Ok(Value::Number(*x)),
        Kind::Bool(b) => Ok(Value::Bool(*b)),
        Kind::Metric { name, offset } => {
            fetch(lookup, name, *offset, node.ty).ok_or_else(|| EvalError::Missing {
                metric: name.clone(),
                offset: *offset,
            })
        }
        Kind::Has { name, offset, ty } => {
            Ok(Value::Bool(fetch(lookup, name, *offset, *ty).is_some()))
        }
        Kind::Neg(inner) => finite(-number(inner, lookup)?),
        Kind::Not(inner) => Ok(Value::Bool(!boolean(inner, lookup)?)),
        Kind::Binary {
            op,
            op_offset,
            lhs,
            rhs,
        } => binary(*op, *op_offset, lhs, rhs, lookup),
        Kind::Call { func, args } => call(*func, args, lookup),
    }
}

/// Reads a metric; a value of the wrong type or a non-finite number counts as
/// missing.
fn fetch(
    lookup: &dyn Fn(&str, i32) -> Option<Value>,
    name: &str,
    offset: i32,
    ty: Type,
) -> Option<Value> {
    match lookup(name, offset)? {
        Value::Number(x) if ty == Type::Number && x.is_finite() => Some(Value::Number(x)),
        Value::Bool(b) if ty == Type::Bool => Some(Value::Bool(b)),
        _ => None,
    }
}

/// Evaluates a node the type checker proved to be a number.
fn number(node: &Node, lookup: &dyn Fn(&str, i32) -> Option<Value>) -> Result<f64, EvalError> {
    Ok(match eval(node, lookup)? {
        Value::Number(x) => x,
        // Unreachable for type-checked trees; a total fallback instead of a panic.
        Value::Bool(b) => f64::from(u8::from(b)),
    })
}

/// Evaluates a node the type checker proved to be a bool.
fn boolean(node: &Node, lookup: &dyn Fn(&str, i32) -> Option<Value>) -> Result<bool, EvalError> {
    Ok(match eval(node, lookup)? {
        Value::Bool(b) => b,
        // Unreachable for type-checked trees; a total fallback instead of a panic.
        Value::Number(x) => x != 0.0,
    })
}

fn finite(x: f64) -> Result<Value, EvalError> {
    if x.is_finite() {
        Ok(Value::Number(x))
    } else {
        Err(EvalError::NotFinite)
    }
}

/// Equality with a relative tolerance of [`REL_EPSILON`].
pub fn approx_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= REL_EPSILON * a.abs().max(b.abs())
}

fn binary(
    op: BinOp,
    op_offset: usize,
    lhs: &Node,
    rhs: &Node,
    lookup: &dyn Fn(&str, i32) -> Option<Value>,
) -> Result<Value, EvalError> {
    // `&&` / `||` on the Rust side short-circuit the right operand.
    match op {
        BinOp::And => return Ok(Value::Bool(boolean(lhs, lookup)? && boolean(rhs, lookup)?)),
        BinOp::Or => return Ok(Value::Bool(boolean(lhs, lookup)? || boolean(rhs, lookup)?)),
        BinOp::Eq | BinOp::Ne => {
            let equal = match (eval(lhs, lookup)?, eval(rhs, lookup)?) {
                (Value::Number(a), Value::Number(b)) => approx_eq(a, b),
                (Value::Bool(a), Value::Bool(b)) => a == b,
                _ => false,
            };
            return Ok(Value::Bool(equal == (op == BinOp::Eq)));
        }
        _ => {}
    }
    let a = number(lhs, lookup)?;
    let b = number(rhs, lookup)?;
    match op {
        BinOp::Add => finite(a + b),
        BinOp::Sub => finite(a - b),
        BinOp::Mul => finite(a * b),
        BinOp::Div if b == 0.0 => Err(EvalError::DivisionByZero { offset: op_offset }),
        BinOp::Div => finite(a / b),
        BinOp::Lt => Ok(Value::Bool(a < b && !approx_eq(a, b))),
        BinOp::Le => Ok(Value::Bool(a <= b || approx_eq(a, b))),
        BinOp::Gt => Ok(Value::Bool(a > b && !approx_eq(a, b))),
        BinOp::Ge => Ok(Value::Bool(a >= b || approx_eq(a, b))),
        // Handled above.
        BinOp::And | BinOp::Or | BinOp::Eq | BinOp::Ne => Ok(Value::Bool(false)),
    }
}

fn call(
    func: Func,
    args: &[Node],
    lookup: &dyn Fn(&str, i32) -> Option<Value>,
) -> Result<Value, EvalError> {
    let mut acc: Option<f64> = None;
    for arg in args {
        let x = number(arg, lookup)?;
        acc = Some(match (func, acc) {
            (Func::Abs, _) => x.abs(),
            (_, None) => x,
            (Func::Min, Some(m)) => m.min(x),
            (Func::Max, Some(m)) => m.max(x),
        });
    }
    finite(acc.unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::super::{Expr, Limits};
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    fn types(id: &str) -> Option<Type> {
        match id {
            "a" | "b" | "c" | "revenue" | "staff" | "big" => Some(Type::Number),
            "flag" | "certified" => Some(Type::Bool),
            _ => None,
        }
    }

    fn data() -> HashMap<(&'static str, i32), Value> {
        HashMap::from([
            (("a", 0), Value::Number(6.0)),
            (("a", -1), Value::Number(4.0)),
            (("a", -2), Value::Number(2.0)),
            (("b", 0), Value::Number(3.0)),
            (("c", 0), Value::Number(0.0)),
            (("revenue", 0), Value::Number(0.1)),
            (("staff", 0), Value::Number(0.2)),
            (("big", 0), Value::Number(1e308)),
            (("flag", 0), Value::Bool(true)),
            (("certified", 0), Value::Bool(false)),
        ])
    }

    fn run(src: &str) -> Result<Value, EvalError> {
        let expr = Expr::compile(src, &types, &Limits::default())
            .unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        let data = data();
        expr.eval(&|id, off| data.get(&(id, off)).copied())
    }

    fn num(src: &str) -> f64 {
        match run(src) {
            Ok(Value::Number(x)) => x,
            other => panic!("{src:?}: {other:?}"),
        }
    }

    fn truth(src: &str) -> bool {
        match run(src) {
            Ok(Value::Bool(b)) => b,
            other => panic!("{src:?}: {other:?}"),
        }
    }

    #[test]
    fn arithmetic() {
        assert_eq!(num("1 + 2 * 3"), 7.0);
        assert_eq!(num("(1 + 2) * 3"), 9.0);
        assert_eq!(num("a / b"), 2.0);
        assert_eq!(num("a - b - 1"), 2.0);
        assert_eq!(num("-a + 1"), -5.0);
        assert_eq!(num("- -a"), 6.0);
        assert_eq!(num("50% * a"), 3.0);
        assert_eq!(num("1e3 / 4"), 250.0);
    }

    #[test]
    fn functions() {
        assert_eq!(num("abs(b - a)"), 3.0);
        assert_eq!(num("min(a, b, 5)"), 3.0);
        assert_eq!(num("max(a, b, 5)"), 6.0);
        assert_eq!(num("max(-1, -2)"), -1.0);
        assert_eq!(num("min(a[-1], a[-2])"), 2.0);
    }

    #[test]
    fn comparisons_and_logic() {
        assert!(truth("a > b"));
        assert!(!truth("a < b"));
        assert!(truth("a >= 6 and b <= 3"));
        assert!(truth("a == 6"));
        assert!(truth("a != b"));
        assert!(truth("flag"));
        assert!(truth("not certified"));
        assert!(truth("flag or certified"));
        assert!(!truth("flag and certified"));
        assert!(truth("!certified && flag"));
        assert!(truth("flag == true"));
        assert!(truth("(a > b) == flag"));
        assert!(truth("certified != flag"));
        assert!(truth("not a < b"));
    }

    #[test]
    fn comparisons_tolerate_rounding() {
        assert!(truth("revenue + staff == 0.3"));
        assert!(truth("0.1 + 0.2 <= 0.3"));
        assert!(!truth("0.1 + 0.2 > 0.3"));
        assert!(!truth("0.1 + 0.2 < 0.3"));
        assert!(truth("0.1 + 0.2 >= 0.3"));
        assert!(!truth("0.1 + 0.2 != 0.3"));
        // Real differences are not swallowed, even for tiny values.
        assert!(truth("0.000000000001 > 0"));
        assert!(truth("1000000.01 > 1000000"));
    }

    #[test]
    fn year_offsets() {
        assert_eq!(num("a - a[-1]"), 2.0);
        assert_eq!(num("a[-1] - a[-2]"), 2.0);
        assert_eq!(num("a[0]"), 6.0);
        assert!(truth("(a - a[-1]) / a[-1] >= 50%"));
    }

    #[test]
    fn lookup_receives_id_and_offset() {
        let seen = RefCell::new(Vec::new());
        let expr = Expr::compile("a[-2] + b + has(a[-1])", &types, &Limits::default());
        assert!(expr.is_err(), "number + bool must not compile");
        let expr =
            Expr::compile("a[-2] + b > 0 or has(a[-1])", &types, &Limits::default()).unwrap();
        let v = expr.eval(&|id, off| {
            seen.borrow_mut().push((id.to_string(), off));
            Some(Value::Number(1.0))
        });
        assert_eq!(v, Ok(Value::Bool(true)));
        // `or` short-circuits: has(a[-1]) is never looked up.
        assert_eq!(
            seen.into_inner(),
            vec![("a".to_string(), -2), ("b".to_string(), 0)]
        );
    }

    #[test]
    fn missing_values() {
        assert_eq!(
            run("a[-3] > 1"),
            Err(EvalError::Missing {
                metric: "a".into(),
                offset: -3
            })
        );
        assert_eq!(
            run("b + staff[-1]"),
            Err(EvalError::Missing {
                metric: "staff".into(),
                offset: -1
            })
        );
    }

    #[test]
    fn has_guards_optional_metrics() {
        assert!(truth("has(a)"));
        assert!(truth("has(a[-2])"));
        assert!(!truth("has(a[-3])"));
        assert!(truth("has(flag)"));
        assert!(!truth("has(a[-3]) and a[-3] > 1"));
        assert!(truth("not has(a[-3]) or a[-3] > 1"));
        assert!(truth("has(a[-1]) and a > a[-1]"));
        // Without the guard the missing value is an error.
        assert!(run("a[-3] > 1 and has(a[-3])").is_err());
    }

    #[test]
    fn short_circuit() {
        assert!(!truth("certified and a / c > 1"));
        assert!(truth("flag or a / c > 1"));
        assert_eq!(
            run("flag and a / c > 1"),
            Err(EvalError::DivisionByZero { offset: 11 })
        );
    }

    #[test]
    fn division_by_zero_reports_operator_offset() {
        let expr = Expr::compile("a + b / (a - 6)", &types, &Limits::default()).unwrap();
        let data = data();
        let err = expr
            .eval(&|id, off| data.get(&(id, off)).copied())
            .unwrap_err();
        assert_eq!(err, EvalError::DivisionByZero { offset: 6 });
        if let EvalError::DivisionByZero { offset } = err {
            assert_eq!(expr.column(offset), 7);
        }
        assert_eq!(run("1 / 0"), Err(EvalError::DivisionByZero { offset: 2 }));
        assert_eq!(num("0 / 5"), 0.0);
    }

    #[test]
    fn overflow_is_not_finite() {
        assert_eq!(run("big * 10"), Err(EvalError::NotFinite));
        assert_eq!(run("big + big"), Err(EvalError::NotFinite));
        assert_eq!(run("-big - big"), Err(EvalError::NotFinite));
        assert_eq!(run("big / 0.0000001"), Err(EvalError::NotFinite));
        assert_eq!(num("big / 10"), 1e307);
    }

    #[test]
    fn invalid_lookup_values_count_as_missing() {
        let expr = Expr::compile("has(a) or a > 1", &types, &Limits::default()).unwrap();
        for bad in [
            Value::Bool(true),
            Value::Number(f64::NAN),
            Value::Number(f64::INFINITY),
        ] {
            assert_eq!(
                expr.eval(&|_, _| Some(bad)),
                Err(EvalError::Missing {
                    metric: "a".into(),
                    offset: 0
                })
            );
        }
        let expr = Expr::compile("has(flag)", &types, &Limits::default()).unwrap();
        assert_eq!(
            expr.eval(&|_, _| Some(Value::Number(1.0))),
            Ok(Value::Bool(false))
        );
    }

    #[test]
    fn approx_eq_is_relative() {
        assert!(approx_eq(0.1 + 0.2, 0.3));
        assert!(approx_eq(0.0, 0.0));
        assert!(approx_eq(-0.0, 0.0));
        assert!(!approx_eq(1e-12, 0.0));
        assert!(!approx_eq(1.0, 1.000_001));
    }
}
