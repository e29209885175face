//! The statistics of the audit, written out so that each is one documented formula (README,
//! "Analysis"): moments, Pearson correlation, Cronbach's α, percentiles by nearest rank, and the
//! eigenvalues of a small symmetric matrix by the cyclic Jacobi method. `None` wherever a value
//! is undefined (too few values, no variance).

/// The arithmetic mean; `None` for no values.
pub fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}

/// Sample variance (divisor n − 1); `None` below two values.
pub fn variance(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    Some(x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() - 1) as f64)
}

/// Sample standard deviation (divisor n − 1).
pub fn sd(x: &[f64]) -> Option<f64> {
    variance(x).map(f64::sqrt)
}

/// Central moments m2, m3, m4 (divisor n).
fn central_moments(x: &[f64]) -> Option<(f64, f64, f64)> {
    let m = mean(x)?;
    let n = x.len() as f64;
    let (mut m2, mut m3, mut m4) = (0.0, 0.0, 0.0);
    for v in x {
        let d = v - m;
        let d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    Some((m2 / n, m3 / n, m4 / n))
}

/// Adjusted Fisher–Pearson skewness G1 = √(n(n−1))/(n−2) · m3/m2^1.5 (Excel's SKEW,
/// `scipy.stats.skew(x, bias=False)`); `None` below three values or without variance.
pub fn skewness(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 3 {
        return None;
    }
    let (m2, m3, _) = central_moments(x)?;
    if m2 <= 0.0 {
        return None;
    }
    let g1 = m3 / m2.powf(1.5);
    Some((n * (n - 1.0)).sqrt() / (n - 2.0) * g1)
}

/// Adjusted excess kurtosis G2 = (n−1)/((n−2)(n−3)) · ((n+1)·(m4/m2² − 3) + 6) (Excel's KURT,
/// `scipy.stats.kurtosis(x, fisher=True, bias=False)`); `None` below four values or without
/// variance.
pub fn excess_kurtosis(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 4 {
        return None;
    }
    let (m2, _, m4) = central_moments(x)?;
    if m2 <= 0.0 {
        return None;
    }
    let g2 = m4 / (m2 * m2) - 3.0;
    Some((n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1.0) * g2 + 6.0))
}

/// Pearson's r of paired values; `None` below two pairs or when either has no variance.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    debug_assert_eq!(x.len(), y.len());
    if x.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

/// Cronbach's α of `k` items over complete cases (`rows[case][item]`):
/// α = k/(k−1) · (1 − Σ var(item) / var(Σ items)), sample variances. `None` below two items or
/// two cases, or when the sum has no variance.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 {
        return None;
    }
    let items: f64 = (0..k)
        .map(|j| variance(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum::<Option<f64>>()?;
    let total = variance(&rows.iter().map(|r| r.iter().sum()).collect::<Vec<f64>>())?;
    if total <= 0.0 {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - items / total))
}

/// The sample covariance matrix (divisor n − 1) of `rows[case][item]`.
// Matrix arithmetic reads as its formula with indices.
#[allow(clippy::needless_range_loop)]
pub fn covariance_matrix(rows: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let k = rows.first()?.len();
    if rows.len() < 2 {
        return None;
    }
    let n = rows.len() as f64;
    let means: Vec<f64> = (0..k)
        .map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / n)
        .collect();
    let mut c = vec![vec![0.0; k]; k];
    for r in rows {
        for a in 0..k {
            let da = r[a] - means[a];
            for b in a..k {
                c[a][b] += da * (r[b] - means[b]);
            }
        }
    }
    for a in 0..k {
        for b in a..k {
            c[a][b] /= n - 1.0;
            c[b][a] = c[a][b];
        }
    }
    Some(c)
}

/// The share of the total variance on the first principal component: the largest eigenvalue of
/// the covariance matrix over its trace. `None` below two items or two cases, or with no
/// variance at all.
pub fn pc1_share(rows: &[Vec<f64>]) -> Option<f64> {
    if rows.first()?.len() < 2 {
        return None;
    }
    let c = covariance_matrix(rows)?;
    let trace: f64 = (0..c.len()).map(|i| c[i][i]).sum();
    if trace <= 0.0 {
        return None;
    }
    let top = symmetric_eigenvalues(c)
        .into_iter()
        .fold(f64::MIN, f64::max);
    Some(top / trace)
}

/// The eigenvalues of a symmetric matrix by the cyclic Jacobi method: plane rotations zero the
/// off-diagonal entries one after another until they are negligible (sweeps stop when their sum
/// of squares falls below 1e-30 of the matrix's, or after 100 sweeps). Unordered.
// Matrix arithmetic reads as its formula with indices.
#[allow(clippy::needless_range_loop)]
pub fn symmetric_eigenvalues(mut a: Vec<Vec<f64>>) -> Vec<f64> {
    let n = a.len();
    let norm: f64 = a.iter().flatten().map(|v| v * v).sum();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|p| ((p + 1)..n).map(move |q| (p, q)))
            .map(|(p, q)| a[p][q] * a[p][q])
            .sum();
        if off <= 1e-30 * norm || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                if a[p][q] == 0.0 {
                    continue;
                }
                // The rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
            }
        }
    }
    (0..n).map(|i| a[i][i]).collect()
}

/// The nearest-rank percentile of ascending `sorted` (non-empty): the value at rank
/// ⌈pct/100 · n⌉ (at least 1), computed in integers so that 5 % of 1,000 is exactly rank 50.
pub fn nearest_rank<T: Copy>(sorted: &[T], pct: u32) -> T {
    let n = sorted.len();
    let rank = (pct as usize * n).div_ceil(100).max(1);
    sorted[rank.min(n) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_known_eigenvalues() {
        let a = vec![
            vec![4.0, 1.0, 2.0],
            vec![1.0, 3.0, 0.0],
            vec![2.0, 0.0, 5.0],
        ];
        let mut e = symmetric_eigenvalues(a);
        e.sort_by(f64::total_cmp);
        // numpy.linalg.eigvalsh([[4,1,2],[1,3,0],[2,0,5]])
        let expected = [
            1.854_897_308_799_576,
            3.476_023_602_918_133,
            6.669_079_088_282_287,
        ];
        for (g, x) in e.iter().zip(expected) {
            assert!((g - x).abs() < 1e-9, "{g} vs {x}");
        }
    }

    #[test]
    fn nearest_rank_of_a_thousand() {
        let v: Vec<u32> = (1..=1000).collect();
        assert_eq!(nearest_rank(&v, 5), 50);
        assert_eq!(nearest_rank(&v, 50), 500);
        assert_eq!(nearest_rank(&v, 95), 950);
        assert_eq!(nearest_rank(&[7], 5), 7);
    }

    #[test]
    fn moments_of_a_small_sample() {
        let x = [1.0, 2.0, 2.0, 3.0, 7.0];
        assert_eq!(mean(&x), Some(3.0));
        assert!((variance(&x).unwrap() - 5.5).abs() < 1e-12);
        assert_eq!(skewness(&[1.0, 1.0, 1.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[3.0, 3.0]), None);
    }
}
