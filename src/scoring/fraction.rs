//! The exact rational number scoring computes with ([`super::exact::Exact`]): a fraction of
//! machine integers (`i128`) that becomes a big fraction only when a numerator or denominator no
//! longer fits. Scores, weights and their means are fractions of a few decimal digits, so nearly
//! every operation stays on machine integers and allocates nothing; an operation that would
//! overflow is redone on big integers, so every result is the exact fraction whatever its size.
//!
//! One form per value: reduced, denominator positive, and machine integers whenever both parts
//! fit. So equal values have equal representations (equality and hashing compare them as they
//! are) and converting to and from [`BigRational`] gives the same number.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive};
use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// An exact rational number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Exact(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// `n / d`, reduced, `d > 0`.
    Small(i128, i128),
    /// A reduced fraction whose numerator or denominator does not fit an `i128`.
    Big(Box<BigRational>),
}

impl Exact {
    /// 0.
    pub fn zero() -> Exact {
        Exact(Repr::Small(0, 1))
    }

    /// A whole number.
    pub fn from_i128(n: i128) -> Exact {
        Exact(Repr::Small(n, 1))
    }

    /// `n / d`, reduced. Panics when `d` is 0, as a division by zero does.
    pub fn ratio(n: i128, d: i128) -> Exact {
        assert!(d != 0, "denominator of zero");
        match reduce(n, d) {
            Some((n, d)) => Exact(Repr::Small(n, d)),
            None => Exact::from_big(BigRational::new(n.into(), d.into())),
        }
    }

    /// `m / 10^k` (`m ≠ 0`, `k ≤ 18`), reduced by the 2s and 5s it shares with `10^k`, the only
    /// factors it can share: no gcd to run.
    pub(crate) fn decimal_fraction(m: i64, k: u32) -> Exact {
        debug_assert!(m != 0 && k <= 18);
        let twos = m.trailing_zeros().min(k);
        let mut m = m >> twos;
        let mut fives = 0;
        while fives < k && m % 5 == 0 {
            m /= 5;
            fives += 1;
        }
        let d = (1i128 << (k - twos)) * 5i128.pow(k - fives);
        Exact(Repr::Small(i128::from(m), d))
    }

    /// A big fraction, on machine integers when its reduced parts fit.
    pub fn from_big(x: BigRational) -> Exact {
        // `BigRational`'s constructors and operations keep it reduced with a positive
        // denominator.
        match (x.numer().to_i128(), x.denom().to_i128()) {
            (Some(n), Some(d)) => Exact(Repr::Small(n, d)),
            _ => Exact(Repr::Big(Box::new(x))),
        }
    }

    /// The same number as a big fraction.
    pub fn to_big(&self) -> BigRational {
        match &self.0 {
            Repr::Small(n, d) => BigRational::new_raw(BigInt::from(*n), BigInt::from(*d)),
            Repr::Big(x) => (**x).clone(),
        }
    }

    /// Its numerator and denominator (reduced, the denominator positive) when both are machine
    /// integers.
    pub(crate) fn small_parts(&self) -> Option<(i128, i128)> {
        match self.0 {
            Repr::Small(n, d) => Some((n, d)),
            Repr::Big(_) => None,
        }
    }

    /// Whether it is 0.
    pub fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small(0, _))
    }

    /// Whether it is above 0.
    pub fn is_positive(&self) -> bool {
        match &self.0 {
            Repr::Small(n, _) => *n > 0,
            Repr::Big(x) => x.is_positive(),
        }
    }

    /// The greatest whole number not above it.
    pub fn floor(&self) -> Exact {
        match &self.0 {
            // `d > 0`: Euclidean division rounds towards minus infinity.
            Repr::Small(n, d) => Exact::from_i128(n.div_euclid(*d)),
            Repr::Big(x) => Exact::from_big(x.floor()),
        }
    }

    /// The least whole number not below it.
    pub fn ceil(&self) -> Exact {
        match &self.0 {
            Repr::Small(n, d) => {
                let q = n.div_euclid(*d);
                if n.rem_euclid(*d) == 0 {
                    Exact::from_i128(q)
                } else {
                    // `q + 1` cannot overflow: `q ≤ n / d < i128::MAX` when `d > 1`.
                    Exact::from_i128(q + 1)
                }
            }
            Repr::Big(x) => Exact::from_big(x.ceil()),
        }
    }

    /// The double nearest to it (ties to even), as [`BigRational`]'s conversion gives it.
    pub fn to_f64(&self) -> f64 {
        match &self.0 {
            // `BigRational` converts parts that fit an `i64` through `Ratio<i64>`'s correctly
            // rounded division; larger parts go through its big-integer path. The same paths
            // are taken here, so the doubles are those of big fractions, bit for bit.
            // Parts within ±2⁵³ are exact as doubles and one correctly rounded division gives
            // the nearest: `Ratio`'s own first case, without its generic detours.
            // (Through `i64`: converting an `i128` is a library call.)
            Repr::Small(n, d) if n.unsigned_abs() <= 1 << 53 && *d <= 1 << 53 => {
                *n as i64 as f64 / *d as i64 as f64
            }
            Repr::Small(n, d) => match (i64::try_from(*n), i64::try_from(*d)) {
                (Ok(n), Ok(d)) => num_rational::Ratio::<i64>::new_raw(n, d)
                    .to_f64()
                    .unwrap_or(0.0),
                _ => self.to_big().to_f64().unwrap_or(0.0),
            },
            Repr::Big(x) => x.to_f64().unwrap_or(0.0),
        }
    }

    /// `self op other`: on machine integers when `small` does not overflow, else on big ones.
    fn apply(
        &self,
        other: &Exact,
        small: SmallOp,
        big: fn(BigRational, BigRational) -> BigRational,
    ) -> Exact {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &other.0)
            && let Some((n, d)) = small(*a, *b, *c, *d)
        {
            return Exact(Repr::Small(n, d));
        }
        Exact::from_big(big(self.to_big(), other.to_big()))
    }
}

/// An operation on two fractions of machine integers, `None` when it overflows.
type SmallOp = fn(i128, i128, i128, i128) -> Option<(i128, i128)>;

impl Default for Exact {
    fn default() -> Exact {
        Exact::zero()
    }
}

impl std::fmt::Debug for Exact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Repr::Small(n, 1) => write!(f, "{n}"),
            Repr::Small(n, d) => write!(f, "{n}/{d}"),
            Repr::Big(x) => write!(f, "{x}"),
        }
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &other.0) {
            if b == d {
                return a.cmp(c);
            }
            // Denominators are positive: a/b ≶ c/d as a·d ≶ c·b.
            if fits64(*a) && fits64(*b) && fits64(*c) && fits64(*d) {
                return (a * d).cmp(&(c * b));
            }
            if let (Some(x), Some(y)) = (a.checked_mul(*d), c.checked_mul(*b)) {
                return x.cmp(&y);
            }
        }
        self.to_big().cmp(&other.to_big())
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Greatest common divisor (Stein's algorithm; `gcd(0, b) = b`), on one machine word when both
/// fit (scores and weights nearly always do: 128-bit shifts and subtractions cost twice).
fn gcd(a: u128, b: u128) -> u128 {
    if (a | b) >> 64 == 0 {
        return u128::from(gcd64(a as u64, b as u64));
    }
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let (mut a, mut b) = (a, b);
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// `n / g` for a `g > 0` that divides `n`: one machine division when both fit 64 bits (a
/// 128-bit division is a library call costing tens of times more).
#[inline]
pub(crate) fn exact_div(n: i128, g: i128) -> i128 {
    match (i64::try_from(n), i64::try_from(g)) {
        // `g > 0`, so `i64::MIN / -1` cannot occur.
        (Ok(n), Ok(g)) => i128::from(n / g),
        _ => n / g,
    }
}

/// Whether `x` fits 64 bits: the product of two such fits an `i128`, and so does the sum of two
/// such products.
#[inline]
pub(crate) fn fits64(x: i128) -> bool {
    i64::try_from(x).is_ok()
}

/// `n / d` reduced with a positive denominator (`d ≠ 0`); `None` when that does not fit.
fn reduce(n: i128, d: i128) -> Option<(i128, i128)> {
    if n == 0 {
        return Some((0, 1));
    }
    if d == 1 {
        return Some((n, 1));
    }
    let g = gcd(n.unsigned_abs(), d.unsigned_abs());
    // `g ≥ 1` divides both; as an `i128` it overflows only for 2¹²⁷, which divides only
    // `i128::MIN`: then both are `i128::MIN` and the fraction is 1.
    let Ok(g) = i128::try_from(g) else {
        return Some((1, 1));
    };
    let (n, d) = if g == 1 {
        (n, d)
    } else {
        (exact_div(n, g), exact_div(d, g))
    };
    if d < 0 {
        Some((n.checked_neg()?, d.checked_neg()?))
    } else {
        Some((n, d))
    }
}

/// `a × b`, `None` when it overflows; without the overflow check (a library call for `i128`)
/// when both fit 64 bits.
#[inline]
pub(crate) fn mul(a: i128, b: i128) -> Option<i128> {
    if fits64(a) && fits64(b) {
        Some(a * b)
    } else {
        a.checked_mul(b)
    }
}

/// The least common multiple of two positive `i128`s; `None` when it does not fit.
#[inline]
pub(crate) fn lcm(a: i128, b: i128) -> Option<i128> {
    if a == b || b == 1 {
        return Some(a);
    }
    if a == 1 {
        return Some(b);
    }
    mul(exact_div(a, gcd_positive(a, b)), b)
}

/// The gcd of two positive `i128`s, as one.
fn gcd_positive(a: i128, b: i128) -> i128 {
    // Both positive, so their gcd is at most either and fits.
    gcd(a as u128, b as u128) as i128
}

fn add_small(a: i128, b: i128, c: i128, d: i128) -> Option<(i128, i128)> {
    if b == d {
        return reduce(a.checked_add(c)?, b);
    }
    // Knuth's: over lcm(b, d), so that the products stay small.
    let g = gcd_positive(b, d);
    let (b1, d1) = (exact_div(b, g), exact_div(d, g));
    let (n, den) = if fits64(a) && fits64(b) && fits64(c) && fits64(d) {
        (a * d1 + c * b1, b1 * d)
    } else {
        (
            a.checked_mul(d1)?.checked_add(c.checked_mul(b1)?)?,
            b1.checked_mul(d)?,
        )
    };
    reduce(n, den)
}

fn sub_small(a: i128, b: i128, c: i128, d: i128) -> Option<(i128, i128)> {
    add_small(a, b, c.checked_neg()?, d)
}

fn mul_small(a: i128, b: i128, c: i128, d: i128) -> Option<(i128, i128)> {
    if a == 0 || c == 0 {
        return Some((0, 1));
    }
    if b == 1 && d == 1 {
        return Some((a.checked_mul(c)?, 1));
    }
    // Cancelling across first leaves the product reduced.
    let g1 = gcd(a.unsigned_abs(), d as u128) as i128;
    let g2 = gcd(c.unsigned_abs(), b as u128) as i128;
    let (a, d) = (exact_div(a, g1), exact_div(d, g1));
    let (c, b) = (exact_div(c, g2), exact_div(b, g2));
    if fits64(a) && fits64(b) && fits64(c) && fits64(d) {
        return Some((a * c, b * d));
    }
    Some((a.checked_mul(c)?, b.checked_mul(d)?))
}

fn div_small(a: i128, b: i128, c: i128, d: i128) -> Option<(i128, i128)> {
    assert!(c != 0, "division by zero");
    if c < 0 {
        mul_small(a, b, d.checked_neg()?, c.checked_neg()?)
    } else {
        mul_small(a, b, d, c)
    }
}

/// One binary operator for every combination of owned and borrowed operands.
macro_rules! operator {
    ($trait:ident, $method:ident, $small:ident, $big:expr) => {
        impl $trait<&Exact> for &Exact {
            type Output = Exact;
            fn $method(self, other: &Exact) -> Exact {
                self.apply(other, $small, $big)
            }
        }
        impl $trait<Exact> for &Exact {
            type Output = Exact;
            fn $method(self, other: Exact) -> Exact {
                self.apply(&other, $small, $big)
            }
        }
        impl $trait<&Exact> for Exact {
            type Output = Exact;
            fn $method(self, other: &Exact) -> Exact {
                self.apply(other, $small, $big)
            }
        }
        impl $trait<Exact> for Exact {
            type Output = Exact;
            fn $method(self, other: Exact) -> Exact {
                self.apply(&other, $small, $big)
            }
        }
    };
}

operator!(Add, add, add_small, |a, b| a + b);
operator!(Sub, sub, sub_small, |a, b| a - b);
operator!(Mul, mul, mul_small, |a, b| a * b);
operator!(Div, div, div_small, |a, b| a / b);

impl AddAssign<&Exact> for Exact {
    fn add_assign(&mut self, other: &Exact) {
        *self = &*self + other;
    }
}

impl AddAssign<Exact> for Exact {
    fn add_assign(&mut self, other: Exact) {
        *self = &*self + &other;
    }
}

impl SubAssign<&Exact> for Exact {
    fn sub_assign(&mut self, other: &Exact) {
        *self = &*self - other;
    }
}

impl Neg for &Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        match &self.0 {
            Repr::Small(n, d) => match n.checked_neg() {
                Some(n) => Exact(Repr::Small(n, *d)),
                None => Exact::from_big(-self.to_big()),
            },
            Repr::Big(x) => Exact::from_big(-(**x).clone()),
        }
    }
}

impl Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        -&self
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::zero(), |s, x| s + x)
    }
}

impl<'a> std::iter::Sum<&'a Exact> for Exact {
    fn sum<I: Iterator<Item = &'a Exact>>(iter: I) -> Exact {
        iter.fold(Exact::zero(), |s, x| s + x)
    }
}

impl From<BigRational> for Exact {
    fn from(x: BigRational) -> Exact {
        Exact::from_big(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Zero;
    use proptest::prelude::*;

    fn big(x: &Exact) -> BigRational {
        x.to_big()
    }

    /// A fraction whose parts are `n·10^s` and `d·(10^s + 1)`, small for low `s` and far past
    /// `i128` for high ones, or near `i128`'s ends.
    fn operand() -> impl Strategy<Value = Exact> {
        prop_oneof![
            (-1_000_000i64..1_000_000, 1i64..100_000, 0u32..45).prop_map(|(n, d, s)| {
                let ten = BigInt::from(10).pow(s);
                Exact::from_big(BigRational::new(
                    BigInt::from(n) * &ten,
                    BigInt::from(d) * (&ten + 1),
                ))
            }),
            (any::<i128>(), any::<i128>()).prop_filter_map("non-zero denominator", |(n, d)| {
                (d != 0).then(|| Exact::ratio(n, d))
            }),
            (
                -3i128..=3,
                prop_oneof![Just(i128::MAX), Just(i128::MIN), Just(i128::MAX - 1)]
            )
                .prop_map(|(k, e)| Exact::ratio(e.saturating_add(k), 3)),
        ]
    }

    /// The one form of every value: what a big fraction of the same value converts to.
    fn canonical(x: &Exact) -> bool {
        *x == Exact::from_big(big(x))
            && match &x.0 {
                Repr::Small(_, d) => *d > 0,
                Repr::Big(b) => b.numer().to_i128().is_none() || b.denom().to_i128().is_none(),
            }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Every operation, the order and the conversion to a double give what big fractions
        /// give, for operands small, near `i128`'s ends and far past them.
        #[test]
        fn agrees_with_big_fractions(a in operand(), b in operand()) {
            let (x, y) = (big(&a), big(&b));
            prop_assert!(canonical(&a) && canonical(&b));
            for (got, want) in [
                (&a + &b, &x + &y),
                (&a - &b, &x - &y),
                (&a * &b, &x * &y),
                (-&a, -x.clone()),
                (a.floor(), x.floor()),
                (a.ceil(), x.ceil()),
            ] {
                prop_assert!(canonical(&got));
                prop_assert_eq!(big(&got), want);
            }
            if !b.is_zero() {
                let q = &a / &b;
                prop_assert!(canonical(&q));
                prop_assert_eq!(big(&q), &x / &y);
            }
            prop_assert_eq!(a.cmp(&b), x.cmp(&y));
            prop_assert_eq!(a == b, x == y);
            prop_assert_eq!(a.is_positive(), x.is_positive());
            prop_assert_eq!(a.is_zero(), x.is_zero());
            prop_assert_eq!(a.to_f64().to_bits(), x.to_f64().unwrap_or(0.0).to_bits());
        }
    }

    #[test]
    fn edges_of_machine_integers() {
        let min = Exact::from_i128(i128::MIN);
        assert_eq!(big(&-&min), -BigRational::from(BigInt::from(i128::MIN)));
        assert_eq!(Exact::ratio(i128::MIN, i128::MIN), Exact::from_i128(1));
        assert_eq!(
            Exact::ratio(i128::MIN, -1),
            Exact::from_big(big(&min) * -BigInt::from(1))
        );
        assert_eq!(Exact::ratio(3, -6), Exact::ratio(-1, 2));
        assert_eq!(Exact::ratio(0, -6), Exact::zero());
        let max = Exact::from_i128(i128::MAX);
        let sum = &max + &max;
        assert!(matches!(sum.0, Repr::Big(_)));
        assert_eq!(&sum - &max, max);
        assert!(matches!((&sum - &max).0, Repr::Small(..)));
    }
}
