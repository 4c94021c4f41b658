import Core

extension Ensemble {
    private static let formatVersion: UInt32 = 1

    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        writer.write(parameters.parentWeight)
        writer.write(UInt64(parameters.neighbours))
        writer.write(parameters.neighbourWeight)
        writer.write(parameters.treeWeight)
        writer.write(calibration.a)
        writer.write(calibration.b)
        linear.encode(to: &writer)
        writer.write(parent != nil)
        if let parent {
            parent.encode(to: &writer)
            writer.write(parentOf)
        }
        writer.write(neighbours != nil)
        neighbours?.encode(to: &writer)
        writer.write(tree != nil)
        tree?.encode(to: &writer)
    }

    /// Reads an ensemble written by ``encode(to:)``.
    /// - Throws: `corrupt_model` when the bytes are truncated or inconsistent.
    public init(from reader: inout BinaryReader, parameters stored: EnsembleParameters) throws(IPAIError) {
        let version = try reader.read(UInt32.self)
        guard version == Self.formatVersion else { throw reader.corrupt("unknown ensemble format \(version)") }
        var parameters = stored
        parameters.parentWeight = try reader.readFloat()
        parameters.neighbours = Int(try reader.read(UInt64.self))
        parameters.neighbourWeight = try reader.readFloat()
        parameters.treeWeight = try reader.readFloat()
        let calibration = PlattScaling(a: try reader.readDouble(), b: try reader.readDouble())
        guard calibration.a.isFinite, calibration.b.isFinite else { throw reader.corrupt("non-finite calibration") }
        let linear = try LinearOneVsRest(from: &reader)
        var parent: LinearOneVsRest?
        var parentOf: [Int32] = []
        if try reader.readBool() {
            let model = try LinearOneVsRest(from: &reader)
            parentOf = try reader.readArray()
            guard parentOf.count == linear.labelCount,
                  parentOf.allSatisfy({ $0 >= 0 && Int($0) < model.labelCount }),
                  model.featureCount == linear.featureCount
            else { throw reader.corrupt("parent model does not fit the labels") }
            parent = model
        }
        var neighbours: NearestNeighbours?
        if try reader.readBool() {
            let index = try NearestNeighbours(from: &reader)
            guard index.targets.labelCount == linear.labelCount else {
                throw reader.corrupt("neighbour index has \(index.targets.labelCount) labels, the model \(linear.labelCount)")
            }
            neighbours = index
        }
        var tree: LabelTree?
        if try reader.readBool() {
            let trained = try LabelTree(from: &reader)
            guard trained.labelCount == linear.labelCount, trained.featureCount == linear.featureCount else {
                throw reader.corrupt("label tree does not fit the labels")
            }
            tree = trained
        }
        self.init(
            parameters: parameters, linear: linear, parent: parent, parentOf: parentOf, neighbours: neighbours,
            tree: tree, calibration: calibration)
    }
}
