import Core

/// A compressed sparse row matrix of `Float`: the training documents (rows) by features (columns).
///
/// Rows keep the sorted column order of the ``SparseVector``s they came from.
/// ``transposed()`` gives the column view (features by documents) used for inverted look-ups.
///
/// ```swift
/// let matrix = SparseMatrix(rows: vectors, columnCount: vocabulary.count)
/// let postings = matrix.transposed()   // feature -> documents
/// ```
public struct SparseMatrix: Sendable {
    /// `rowOffsets[i]..<rowOffsets[i + 1]` are the entries of row `i`.
    public private(set) var rowOffsets: [Int]
    public private(set) var columns: [Int32]
    public private(set) var values: [Float]
    public let columnCount: Int

    public var rowCount: Int { rowOffsets.count - 1 }
    public var nonZeroCount: Int { columns.count }

    public init(rows: [SparseVector], columnCount: Int) {
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var total = 0
        for row in rows {
            total += row.count
            offsets.append(total)
        }
        var columns: [Int32] = []
        var values: [Float] = []
        columns.reserveCapacity(total)
        values.reserveCapacity(total)
        for row in rows {
            precondition(row.indices.last.map { Int($0) < columnCount } ?? true, "column out of range")
            columns.append(contentsOf: row.indices)
            values.append(contentsOf: row.values)
        }
        self.rowOffsets = offsets
        self.columns = columns
        self.values = values
        self.columnCount = columnCount
    }

    /// Creates a matrix from raw CSR arrays (validated).
    public init(rowOffsets: [Int], columns: [Int32], values: [Float], columnCount: Int) throws(IPAIError) {
        guard let first = rowOffsets.first, first == 0, rowOffsets.last == columns.count,
              columns.count == values.count,
              zip(rowOffsets, rowOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              columns.allSatisfy({ $0 >= 0 && Int($0) < columnCount })
        else {
            throw IPAIError(.corruptModel, "sparse matrix arrays are inconsistent")
        }
        self.rowOffsets = rowOffsets
        self.columns = columns
        self.values = values
        self.columnCount = columnCount
    }

    /// Row `i` as a sparse vector (copies).
    public func row(_ i: Int) -> SparseVector {
        let range = rowOffsets[i]..<rowOffsets[i + 1]
        return SparseVector(indices: Array(columns[range]), values: Array(values[range]))
    }

    /// The column view: a matrix whose row `j` lists the rows of `self` with a value in column `j`,
    /// in increasing row order. Complexity: O(nonZeroCount + columnCount).
    public func transposed() -> SparseMatrix {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for column in columns { counts[Int(column) + 1] += 1 }
        for j in 0..<columnCount { counts[j + 1] += counts[j] }
        var fill = counts
        var newColumns = [Int32](repeating: 0, count: columns.count)
        var newValues = [Float](repeating: 0, count: columns.count)
        for row in 0..<rowCount {
            for position in rowOffsets[row]..<rowOffsets[row + 1] {
                let column = Int(columns[position])
                let target = fill[column]
                fill[column] += 1
                newColumns[target] = Int32(row)
                newValues[target] = values[position]
            }
        }
        var result = self
        result.rowOffsets = counts
        result.columns = newColumns
        result.values = newValues
        return SparseMatrix(transposedFrom: result, columnCount: rowCount)
    }

    private init(transposedFrom matrix: SparseMatrix, columnCount: Int) {
        self.rowOffsets = matrix.rowOffsets
        self.columns = matrix.columns
        self.values = matrix.values
        self.columnCount = columnCount
    }

    /// The rows listed in `subset`, in that order.
    public func rows(_ subset: [Int]) -> SparseMatrix {
        var offsets = [0]
        offsets.reserveCapacity(subset.count + 1)
        var columns: [Int32] = []
        var values: [Float] = []
        for row in subset {
            let range = rowOffsets[row]..<rowOffsets[row + 1]
            columns.append(contentsOf: self.columns[range])
            values.append(contentsOf: self.values[range])
            offsets.append(columns.count)
        }
        var result = self
        result.rowOffsets = offsets
        result.columns = columns
        result.values = values
        return result
    }

    /// The same matrix with columns renumbered from the most to the least used, and the original
    /// number of each new column. Solvers that gather weights by column touch far fewer cache
    /// lines when the frequent columns sit together at the front.
    public func frequencyOrdered() -> (matrix: SparseMatrix, originalColumn: [Int32]) {
        var counts = [Int32](repeating: 0, count: columnCount)
        for column in columns { counts[Int(column)] += 1 }
        let order = (0..<Int32(columnCount)).sorted { a, b in
            let countA = counts[Int(a)]
            let countB = counts[Int(b)]
            return countA > countB || (countA == countB && a < b)
        }
        var newIndex = [Int32](repeating: 0, count: columnCount)
        for (position, column) in order.enumerated() { newIndex[Int(column)] = Int32(position) }
        var result = self
        var remappedColumns = columns
        var remappedValues = values
        for row in 0..<rowCount {
            let range = rowOffsets[row]..<rowOffsets[row + 1]
            var pairs = range.map { (newIndex[Int(columns[$0])], values[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (offset, pair) in pairs.enumerated() {
                remappedColumns[range.lowerBound + offset] = pair.0
                remappedValues[range.lowerBound + offset] = pair.1
            }
        }
        result.columns = remappedColumns
        result.values = remappedValues
        return (result, order)
    }

    /// Squared Euclidean length of each row.
    public func rowSquaredNorms() -> [Float] {
        (0..<rowCount).map { row in
            var sum: Float = 0
            for position in rowOffsets[row]..<rowOffsets[row + 1] { sum += values[position] * values[position] }
            return sum
        }
    }
}

extension SparseMatrix {
    func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(columnCount))
        writer.write(rowOffsets.map { UInt64($0) })
        writer.write(columns)
        writer.write(values)
    }

    init(from reader: inout BinaryReader) throws(IPAIError) {
        let columnCount = Int(try reader.read(UInt64.self))
        let offsets: [UInt64] = try reader.readArray()
        let columns: [Int32] = try reader.readArray()
        let values = try reader.readFloats()
        try self.init(rowOffsets: offsets.map { Int($0) }, columns: columns, values: values, columnCount: columnCount)
    }
}
