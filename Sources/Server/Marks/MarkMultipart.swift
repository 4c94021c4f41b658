import Foundation

/// Every file of a `multipart/form-data` body, in order (``FormData`` keeps one file per field
/// name; the import page sends many files in one field).
enum MarkMultipart {
    static func files(_ body: [UInt8], contentType: String) -> [FormData.File] {
        guard let boundary = FormData.parameter("boundary", in: contentType) else { return [] }
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var from = 0
        while let found = Multipart.find(delimiter, in: body, from: from) {
            positions.append(found)
            from = found + delimiter.count
        }
        var files: [FormData.File] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            if partStart + 1 < body.count && body[partStart] == 13 && body[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            if partEnd >= 2 && body[partEnd - 2] == 13 && body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd, let headerEnd = Multipart.find(Array("\r\n\r\n".utf8), in: body, from: partStart), headerEnd <= partEnd
            else { continue }
            let header = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            var fileName: String? = nil
            var type: String? = nil
            for line in header.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") { fileName = FormData.parameter("filename", in: line) }
                if lower.hasPrefix("content-type:") { type = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces) }
            }
            let content = Array(body[(headerEnd + 4)..<max(headerEnd + 4, partEnd)])
            guard let fileName, !(fileName.isEmpty && content.isEmpty) else { continue }
            files.append(FormData.File(fileName: fileName, contentType: type, bytes: content))
        }
        return files
    }
}
