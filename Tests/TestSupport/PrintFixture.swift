import Foundation

/// The tensors recorded from PyTorch in `Tests/Fixtures/torch_print.json`.
public struct PrintFixture {
    let cases: [String: [String: Any]]

    public static func load() throws -> PrintFixture {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch_print.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let list = object?["cases"] as? [[String: Any]] ?? []
        var cases: [String: [String: Any]] = [:]
        for c in list { if let name = c["name"] as? String { cases[name] = c } }
        return PrintFixture(cases: cases)
    }

    /// The float32 bit patterns of a case.
    public func bits(_ name: String) -> [UInt32] {
        (cases[name]?["bits"] as? [String] ?? []).compactMap { UInt32($0, radix: 16) }
    }

    /// PyTorch's printed text of a case.
    public func repr(_ name: String) -> String {
        cases[name]?["repr"] as? String ?? ""
    }
}
