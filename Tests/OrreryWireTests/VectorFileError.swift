/// A row of a vector file that does not have the expected columns.
enum VectorFileError: Error, CustomStringConvertible {
    case malformedRow(String)

    var description: String {
        switch self {
        case .malformedRow(let row): "malformed vector row: \(row)"
        }
    }
}
