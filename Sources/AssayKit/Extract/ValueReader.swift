/// Reads the typed value of a matched text according to its fact type's value kind.
struct ValueReader: Sendable {
    static let shared = ValueReader()

    private let numbers = NumberNormalizer()
    private let dates = DateNormalizer()

    func read(_ text: String, as type: FactType, gazetteers: [String: Gazetteer]) -> FactValue? {
        switch type.value {
        case .integer:
            guard let number = numbers.normalize(text), number.kind == .cardinal, let integer = number.integer else { return nil }
            return .integer(integer)
        case .date:
            return dates.normalize(text).map { .string($0.iso) }
        case .entityID, .entityName:
            guard let name = type.gazetteer, let entry = gazetteers[name]?.entry(named: text) else { return nil }
            return .string(type.value == .entityID ? entry.id : entry.name)
        case .text:
            return .string(text)
        }
    }
}
