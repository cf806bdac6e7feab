/// A harness's property check: a broken property stops the process, which libFuzzer reports as a finding and saves
/// the input that caused it.
public func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    guard condition() else {
        fatalError("property broken: \(message())", file: file, line: line)
    }
}
