import Tensor

// Initialisers for the recurrent weight W_hh whose scale lesson 05
// (`gradients`) varies: ρ times an orthogonal matrix (every singular value
// is ρ, so identity-activation gradients scale by exactly ρ per step), and
// a Gaussian matrix rescaled to spectral radius ρ (the usual "echo state"
// recipe; its singular values spread around ρ, so the per-step factor is
// not constant). Randomness comes only through the `NormalGenerator`
// passed inout: the same seed gives the same matrix.

/// A random orthogonal matrix Q (n, n), Haar-distributed (uniform over the
/// orthogonal group): Q of the QR decomposition of an (n, n) standard
/// Gaussian matrix, with R's diagonal positive.
///
/// Why the positive diagonal matters: QR is unique only up to the signs of
/// R's diagonal. Fixing them positive makes Q a function of A that commutes
/// with rotations (Q(UA) = U·Q(A)), and since UA has the same law as A for
/// any orthogonal U, so does Q — the Haar measure. Householder QR leaves the
/// signs data-dependent (r_11 = −sign(a_11)‖a_1‖), which biases Q; here
/// Gram–Schmidt produces the positive diagonal directly
/// (``Matrix/qrDecomposition()``).
///
/// Computed in Double (‖QᵀQ − I‖ ≈ n·2^−53), then rounded to `Scalar`; one
/// generator call of n·n draws, as `torch.randn(n, n)`.
public func randomOrthogonal<Scalar: TensorScalar, G: NormalGenerator>(_ n: Int, using generator: inout G) -> Matrix<Scalar> {
    precondition(n >= 1, "randomOrthogonal: size must be ≥ 1, got \(n)")
    let a = Matrix<Double>.randn(n, n, using: &generator)      // (n, n)
    return a.qrDecomposition().q.converted()                    // (n, n)
}

/// W_hh = ρ·Q with Q from ``randomOrthogonal(_:using:)``: every singular
/// value and every eigenvalue modulus is ρ (up to the rounding of the
/// entries to `Scalar`, relative ~√n·u), so ‖G W_hhᵀ‖_F = ρ‖G‖_F for any G.
public func orthogonalWHH<Scalar: TensorScalar, G: NormalGenerator>(
    hiddens n: Int, scale rho: Double, using generator: inout G
) -> Matrix<Scalar> {
    precondition(rho >= 0 && rho.isFinite, "orthogonalWHH: the scale ρ must be finite and ≥ 0, got \(rho)")
    let q: Matrix<Double> = randomOrthogonal(n, using: &generator)  // (n, n)
    return (rho * q).converted()                                    // (n, n)
}

/// W_hh = (ρ / ρ(A))·A for a standard Gaussian A (n, n): spectral radius ρ.
///
/// ρ(A) comes from ``Matrix/spectralRadius(squarings:)`` (Gelfand's
/// formula, robust to a complex dominant pair, relative error ~1e−13 in
/// Double). The largest singular value of the result is larger than ρ
/// (about 2ρ for large n), so ρ < 1 does not by itself bound the gradient
/// norms step by step: ‖W_hh‖₂ does (see ``Matrix/spectralNorm()``).
/// Rounding to Float moves the radius by about κ·u relative, κ the
/// condition number of the dominant eigenvalue.
public func gaussianWHH<Scalar: TensorScalar, G: NormalGenerator>(
    hiddens n: Int, spectralRadius rho: Double, using generator: inout G
) -> Matrix<Scalar> {
    precondition(n >= 1, "gaussianWHH: size must be ≥ 1, got \(n)")
    precondition(rho >= 0 && rho.isFinite, "gaussianWHH: the spectral radius ρ must be finite and ≥ 0, got \(rho)")
    let a = Matrix<Double>.randn(n, n, using: &generator)      // (n, n)
    let radius = a.spectralRadius()
    precondition(radius > 0, "gaussianWHH: the Gaussian draw is nilpotent (all eigenvalues 0); draw again")
    return (rho / radius * a).converted()                       // (n, n)
}
