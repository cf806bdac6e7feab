/// An ordered set of metric families: what a `MetricStore` can record and the order `/metrics` lists them in.
public struct MetricCatalogue: Sendable {
    /// The families, in exposition order.
    public let descriptors: [MetricDescriptor]
    private let indexByName: [String: Int]

    /// A catalogue of `descriptors`, whose names must be distinct.
    public init(_ descriptors: [MetricDescriptor]) {
        var indexByName: [String: Int] = [:]
        for (index, descriptor) in descriptors.enumerated() {
            precondition(indexByName.updateValue(index, forKey: descriptor.name) == nil,
                         "duplicate metric name \(descriptor.name)")
        }
        self.descriptors = descriptors
        self.indexByName = indexByName
    }

    /// The position of the family called `name`, or `nil` if the catalogue has none.
    public func index(of name: String) -> Int? {
        indexByName[name]
    }
}
