//! The few statistics the insights need: medians, a robust spread, a least-squares line with its
//! standard error, a two-group comparison on the log scale, and the normal distribution.

pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}

/// Median absolute deviation, scaled to match a standard deviation for normal data.
pub fn mad(xs: &[f64]) -> f64 {
    let m = median(xs);
    let dev: Vec<f64> = xs.iter().map(|x| (x - m).abs()).collect();
    1.4826 * median(&dev)
}

pub fn variance(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64
}

/// A least-squares line through `(x, y)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub slope: f64,
    pub intercept: f64,
    /// The slope's standard error.
    pub se: f64,
    /// The residual standard deviation.
    pub s: f64,
    pub n: usize,
    pub x_mean: f64,
    pub sxx: f64,
}

pub fn line(points: &[(f64, f64)]) -> Option<Line> {
    let n = points.len();
    if n < 3 {
        return None;
    }
    let xm = mean(&points.iter().map(|p| p.0).collect::<Vec<_>>());
    let ym = mean(&points.iter().map(|p| p.1).collect::<Vec<_>>());
    let sxx: f64 = points.iter().map(|p| (p.0 - xm).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - xm) * (p.1 - ym)).sum();
    let slope = sxy / sxx;
    let intercept = ym - slope * xm;
    let ssr: f64 = points
        .iter()
        .map(|p| (p.1 - intercept - slope * p.0).powi(2))
        .sum();
    let s = (ssr / (n - 2) as f64).sqrt();
    Some(Line {
        slope,
        intercept,
        se: s / sxx.sqrt(),
        s,
        n,
        x_mean: xm,
        sxx,
    })
}

impl Line {
    /// The value at `x` and the half-width of its 95 % prediction interval.
    pub fn predict(&self, x: f64) -> (f64, f64) {
        let se = self.s * (1.0 + 1.0 / self.n as f64 + (x - self.x_mean).powi(2) / self.sxx).sqrt();
        (self.intercept + self.slope * x, 1.96 * se)
    }
}

/// Group against the rest on the log scale: the ratio of geometric means, its 95 % interval,
/// and how sure the ratio is on the side of 1 it shows (0.5 … 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lift {
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
    pub confidence: f64,
}

pub fn lift(group: &[f64], rest: &[f64]) -> Option<Lift> {
    if group.len() < 2 || rest.len() < 2 {
        return None;
    }
    let lg: Vec<f64> = group.iter().map(|v| v.max(0.0).ln_1p()).collect();
    let lr: Vec<f64> = rest.iter().map(|v| v.max(0.0).ln_1p()).collect();
    let d = mean(&lg) - mean(&lr);
    let se = (variance(&lg) / lg.len() as f64 + variance(&lr) / lr.len() as f64).sqrt();
    let confidence = if se == 0.0 {
        if d == 0.0 { 0.5 } else { 1.0 }
    } else {
        phi(d.abs() / se)
    };
    Some(Lift {
        ratio: d.exp(),
        low: (d - 1.96 * se).exp(),
        high: (d + 1.96 * se).exp(),
        confidence,
    })
}

/// The standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7).
pub fn phi(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(z * z) / 2.0).exp();
    if z >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_basic_figures_match_hand_computed_ones() {
        assert_eq!(median(&[5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!((phi(1.96) - 0.975).abs() < 1e-4);
        assert!((phi(0.0) - 0.5).abs() < 1e-9);
        let l = line(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0), (3.0, 7.0)]).unwrap();
        assert!((l.slope - 2.0).abs() < 1e-12 && (l.intercept - 1.0).abs() < 1e-12 && l.se == 0.0);
    }
}
