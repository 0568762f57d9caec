import ArgumentParser
import Course
import Foundation
import Testing
import TestSupport

/// One lesson as the command-line tests see it: the executable, its folder,
/// arguments that keep a debug-build run short while every claim still
/// holds, the options its help must list, and bad arguments with the
/// message each must produce (exit 64).
struct LessonCase: Sendable, CustomTestStringConvertible {
    var executable: String
    var folder: String
    var quick: [String]
    var options: [String]
    var badArguments: [([String], String)]

    var testDescription: String { executable }

    /// Runs the lesson with `arguments` (after the quick ones).
    func run(_ arguments: [String]) throws -> LessonProcess {
        try LessonProcess.run(executable, quick + arguments)
    }

    static let common = ["--seed", "--output-dir", "--json", "--quiet", "--help"]

    static let all: [LessonCase] = [
        LessonCase(
            executable: "mlp", folder: "01-mlp", quick: [],
            options: ["--batch", "--inputs", "--hiddens", "--outputs", "--activation"],
            badArguments: [(["--outputs", "0"], "--outputs must be a whole number from 1 to 1024; got '0'"),
                           (["--activation", "softplus"], "The value 'softplus' is invalid for '--activation")]),
        LessonCase(
            executable: "hidden-state", folder: "02-hidden-state", quick: [],
            options: ["--batch", "--inputs", "--hiddens", "--outputs", "--steps", "--activation"],
            badArguments: [(["--steps", "51"], "--steps must be a whole number from 1 to 50; got '51'"),
                           (["--hiddens", "33"], "--hiddens must be a whole number from 1 to 32; got '33'")]),
        LessonCase(
            executable: "concat", folder: "03-concat", quick: [],
            options: ["--batch", "--inputs", "--hiddens"],
            badArguments: [(["--hiddens", "0"], "--hiddens must be a whole number from 1 to 1024; got '0'"),
                           (["--batch", "1025"], "--batch must be a whole number from 1 to 1024; got '1025'"),
                           (["--batch", "-3"], "--batch must be a whole number from 1 to 1024; got '-3'")]),
        LessonCase(
            executable: "sharing", folder: "04-parameter-sharing", quick: [],
            options: ["--batch", "--inputs", "--hiddens", "--outputs", "--steps"],
            badArguments: [(["--steps", "0"], "--steps must be a whole number from 1 to 100; got '0'")]),
        LessonCase(
            executable: "gradients", folder: "05-gradients",
            quick: ["--hiddens", "16", "--runs", "2", "--updates", "60"],
            options: ["--steps", "--hiddens", "--batch", "--inputs", "--runs", "--rhos", "--init", "--theta", "--updates"],
            badArguments: [(["--steps", "0"], "--steps must be a whole number from 1 to 1000; got '0'"),
                           (["--rhos", "0.5,11"], "--rhos must be a number from 0.01 to 10; got '11'"),
                           (["--rhos", "0.5,abc"], "The value '0.5,abc' is invalid for '--rhos"),
                           (["--init", "uniform"], "The value 'uniform' is invalid for '--init"),
                           (["--theta", "-1"], "--theta must be a number from 1e-06 to 1e+06; got '-1'")]),
        LessonCase(
            executable: "char-model", folder: "06-char-model",
            quick: ["--symbols", "4", "--lag", "2", "--short-tau", "1", "--long-tau", "4", "--train-chars", "3000",
                    "--val-chars", "1000", "--batch", "8", "--hiddens", "16", "--epochs", "4"],
            options: ["--symbols", "--lag", "--copy-probability", "--short-tau", "--long-tau", "--hiddens", "--batch",
                      "--epochs", "--train-chars", "--val-chars", "--learning-rate", "--theta", "--init-scale"],
            badArguments: [(["--symbols", "27"], "--symbols must be a whole number from 2 to 26; got '27'"),
                           (["--copy-probability", "0.1"], "--copy-probability must be a number from 0.25 to 1; got '0.1'"),
                           (["--short-tau", "3"], "--short-tau must be below --lag (k = 3): from 1 to 2; got '3'"),
                           (["--long-tau", "2"], "--long-tau must be at least --lag (k = 3): from 3 to 64; got '2'")]),
    ]

    /// Bad arguments every lesson rejects the same way.
    static let commonBadArguments: [([String], String)] = [
        (["--seed", "-3"], "--seed must be a whole number from 0 to 18446744073709551615; got '-3'"),
        (["--seed", "1.5"], "--seed must be a whole number from 0 to 18446744073709551615; got '1.5'"),
        (["--seed", "18446744073709551616"], "--seed must be a whole number from 0 to 18446744073709551615"),
        (["--colour"], "Unknown option '--colour'"),
        (["--batch"], "Missing value for '--batch"),
    ]
}
