import Foundation

/// The "Check it in PyTorch" code of lesson 06 and the lines it prints,
/// generated from the same configuration and from the lesson's own run.
extension CharModelLesson {
    /// How many updates of each run the snippet reproduces.
    static let snippetUpdates = 3

    /// Generates the same text and initial weights from the same seed, then
    /// runs the first updates of both trainings exactly as
    /// `CharModel.trainEpoch` does.
    static func pytorchSnippet(_ c: Config, seed: UInt64) -> String {
        """
        import torch
        import torch.nn.functional as F

        torch.manual_seed(\(seed))
        V, k, p, N = \(c.symbols), \(c.lag), \(c.copyProbability), \(c.trainChars + c.valChars)
        copy = (torch.rand(N) < p).tolist()
        text = (torch.rand(N) * V).long().tolist()
        for t in range(k, N):
            if copy[t]:
                text[t] = text[t - k]
        train = torch.tensor(text[:\(c.trainChars)])

        h, n, lr, theta, sigma = \(c.hiddens), \(c.batch), \(c.learningRate), \(c.theta), \(c.initScale)
        W_xh = torch.randn(V, h) * sigma
        W_hh = torch.randn(h, h) * sigma
        W_hq = torch.randn(h, V) * sigma
        b_h, b_q = torch.zeros(h), torch.zeros(V)
        L = (len(train) - 1) // n                      # n streams side by side
        X, Y = train[:n * L].reshape(n, L), train[1:n * L + 1].reshape(n, L)

        for tau in (\(c.shortTau), \(c.longTau)):
            params = [P.clone().requires_grad_() for P in (W_xh, W_hh, b_h, W_hq, b_q)]
            Wxh, Whh, bh, Whq, bq = params
            H = torch.zeros(n, h)
            for j in range(\(snippetUpdates)):
                H = H.detach()                             # carried, but no gradient across
                loss = 0
                for t in range(j * tau, (j + 1) * tau):
                    H = torch.tanh(F.one_hot(X[:, t], V).float() @ Wxh + H @ Whh + bh)
                    loss = loss + F.cross_entropy(H @ Whq + bq, Y[:, t])
                loss = loss / tau                          # mean over the n * tau predictions
                loss.backward()
                norm = torch.nn.utils.clip_grad_norm_(params, theta)
                with torch.no_grad():
                    for P in params:
                        P -= lr * P.grad
                        P.grad = None
                print(f"tau={tau} update {j + 1}: loss {loss.item():.4f}, gradient norm {norm.item():.4f}")
        """
    }

    /// The lines the snippet prints, from the lesson's own first updates.
    static func pytorchOutput(_ r: Result) -> String {
        [r.short, r.long].flatMap { run in
            run.firstUpdates.prefix(snippetUpdates).enumerated().map { j, u in
                "tau=\(run.tau) update \(j + 1): loss \(String(format: "%.4f", u.loss)), gradient norm \(String(format: "%.4f", u.gradientNorm))"
            }
        }.joined(separator: "\n")
    }
}
