import Core
import Foundation
import Hummingbird
import Initiatives
import Storage

/// The `/api/v1` routes of the index of AI initiatives: the public index and its export, offices
/// (requests, approval, representatives), their AI applications, and survey rounds (see
/// `InitiativeRoutes+Surveys.swift`). Reading the index needs no sign-in; every change checks rights.
struct InitiativeRoutes {
    let services: ServerServices
    var initiatives: InitiativeStore { InitiativeStore(services.store) }
    var access: InitiativeAccess { InitiativeAccess(services: services) }

    struct NewOffice: Decodable {
        var name: LocalizedText
        var country: String
        var kind: OfficeKind?
        var website: String?
    }

    struct Decision: Decodable {
        var decision: ApprovalStatus
        var representativeID: String?

        enum CodingKeys: String, CodingKey { case decision, representativeID = "representative_id" }
    }

    struct NewRepresentative: Decodable {
        var userID: String?

        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    /// The fields of an application; all optional for PATCH, `name`, `category` and `status` needed for POST.
    struct ApplicationBody: Decodable {
        var name: LocalizedText?
        var description: LocalizedText?
        var category: UseCategory?
        var status: ApplicationStatus?
        var since: String?
        var technology: String?
        var contactName: String?
        var contactEmail: String?
        var contactPublic: Bool?
        var link: String?

        enum CodingKeys: String, CodingKey {
            case name, description, category, status, since, technology, link
            case contactName = "contact_name", contactEmail = "contact_email", contactPublic = "contact_public"
        }

        func merged(into draft: ApplicationDraft) -> ApplicationDraft {
            var draft = draft
            if let name { draft.name = name }
            if let description { draft.description = description }
            if let category { draft.category = category }
            if let status { draft.status = status }
            if let since { draft.since = since }
            if let technology { draft.technology = technology }
            if let contactName { draft.contactName = contactName }
            if let contactEmail { draft.contactEmail = contactEmail }
            if let contactPublic { draft.contactPublic = contactPublic }
            if let link { draft.link = link }
            return draft
        }

        func draft() throws -> ApplicationDraft {
            guard let name else { throw APIError.badRequest("field 'name': an application needs a name, e.g. {\"en\": \"…\"}") }
            guard let category else {
                throw APIError.badRequest("field 'category': use one of " + UseCategory.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let status else {
                throw APIError.badRequest("field 'status': use one of " + ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return merged(into: ApplicationDraft(name: name, category: category, status: status))
        }
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        // The public index and its open-data export.
        api.get("initiatives") { request, context -> PageDTO<ApplicationDTO> in
            let filter = try InitiativeQuery.filter(request, strict: true)
            let page = try await initiatives.index(filter, limit: request.pageLimit, cursor: request.pageCursor)
            var visible: [Int64: Bool] = [:]
            for entry in page.items where visible[entry.office.id] == nil {
                visible[entry.office.id] = try await access.speaksFor(context.identity?.user, officeID: entry.office.id)
            }
            return PageDTO(page) { ApplicationDTO($0.application, office: $0.office, showContact: visible[$0.office.id] ?? false) }
        }
        api.get("initiatives/export") { request, _ -> Response in
            let filter = try InitiativeQuery.filter(request, strict: true)
            let language = request.uri.queryParameters.get("lang") ?? "en"
            return try InitiativeExport.table(try await initiatives.allIndexEntries(filter), language: language)
                .response(format: request.uri.queryParameters.get("format"))
        }

        // Offices
        api.get("offices") { request, context -> [OfficeDTO] in
            var status: ApprovalStatus? = .approved
            if let raw = request.uri.queryParameters.get("status"), !raw.isEmpty {
                guard raw == "all" || ApprovalStatus(rawValue: raw) != nil else {
                    throw APIError.badRequest("status '\(raw)': use pending, approved, rejected or all")
                }
                if raw != "approved" {
                    try await access.requireAdministratorToRead(context, action: "initiatives.offices.list", target: "status \(raw)")
                }
                status = ApprovalStatus(rawValue: raw)
            }
            return try await initiatives.offices(status: status).map { OfficeDTO($0) }
        }
        api.post("offices") { request, context -> Response in
            let user = try await access.requireChange(context, action: "initiatives.office.request")
            let body = try await request.decodeJSON(as: NewOffice.self, context: context)
            let isAdministrator = user.role == .administrator
            let office = try await initiatives.createOffice(
                name: body.name, country: body.country, kind: body.kind ?? .national, website: body.website ?? "", requestedBy: user.id,
                approved: isAdministrator)
            try await access.audit(
                user, action: isAdministrator ? "initiatives.office.add" : "initiatives.office.request", target: "office \(office.id)",
                details: office.name.text(in: "en"))
            return try Response.json(try await officeDTO(office, user: user, details: true), status: .created)
        }
        api.get("offices/{id}") { _, context -> OfficeDTO in
            let office = try await visibleOffice(context)
            return try await officeDTO(office, user: context.identity?.user, details: true)
        }
        api.post("offices/{id}/decision") { request, context -> OfficeDTO in
            let office = try await office(context)
            let user = try await access.requireAdministrator(context, action: "initiatives.office.decide", target: "office \(office.id)")
            let body = try await request.decodeJSON(as: Decision.self, context: context)
            guard body.decision != .pending else { throw APIError.badRequest("decision 'pending': use approved or rejected") }
            if let raw = body.representativeID {
                guard let id = Int64(raw), let representative = try await initiatives.representative(id: id), representative.officeID == office.id else {
                    throw APIError.notFound("representative \(raw) of office \(office.id)")
                }
                _ = try await initiatives.decideRepresentative(id: id, status: body.decision, decidedBy: user.id)
                try await access.audit(user, action: "initiatives.representative.\(body.decision.rawValue)", target: "office \(office.id)", details: "representative \(id), user \(representative.userID)")
            } else {
                _ = try await initiatives.decideOffice(id: office.id, status: body.decision, decidedBy: user.id)
                try await access.audit(user, action: "initiatives.office.\(body.decision.rawValue)", target: "office \(office.id)", details: office.name.text(in: "en"))
            }
            return try await officeDTO(try await self.office(context), user: user, details: true)
        }
        api.post("offices/{id}/representatives") { request, context -> Response in
            let office = try await office(context)
            let user = try await access.requireChange(context, action: "initiatives.representative.request", target: "office \(office.id)")
            let body = try await request.decodeJSON(as: NewRepresentative.self, context: context)
            var userID = user.id
            if let raw = body.userID, raw != String(user.id) {
                try await access.requireAdministrator(context, action: "initiatives.representative.add", target: "office \(office.id)")
                guard let id = Int64(raw), try await services.store.user(id: id) != nil else { throw APIError.notFound("user \(raw)") }
                userID = id
            }
            guard office.status != .rejected else {
                throw APIError(.conflict, code: "conflict", "office \(office.id) was not approved; ask for a new office instead")
            }
            let isAdministrator = user.role == .administrator
            let record = try await initiatives.addRepresentative(officeID: office.id, userID: userID, approved: isAdministrator, decidedBy: user.id)
            try await access.audit(
                user, action: isAdministrator ? "initiatives.representative.add" : "initiatives.representative.request",
                target: "office \(office.id)", details: "user \(userID)")
            let name = try await services.store.user(id: userID)?.username
            return try Response.json(RepresentativeDTO(record, username: name), status: .created)
        }

        // Applications
        api.get("offices/{id}/applications") { _, context -> [ApplicationDTO] in
            let office = try await visibleOffice(context)
            let show = try await access.speaksFor(context.identity?.user, officeID: office.id)
            return try await initiatives.applications(officeID: office.id).map { ApplicationDTO($0, office: office, showContact: show) }
        }
        api.post("offices/{id}/applications") { request, context -> Response in
            let office = try await office(context)
            let user = try await access.requireRepresentative(context, officeID: office.id, action: "initiatives.application.create", target: "office \(office.id)")
            let body = try await request.decodeJSON(as: ApplicationBody.self, context: context)
            let record = try await initiatives.createApplication(officeID: office.id, try body.draft(), by: user.id)
            try await access.audit(user, action: "initiatives.application.create", target: "office \(office.id)", details: "application \(record.id)")
            return try Response.json(ApplicationDTO(record, office: office, showContact: true), status: .created)
        }
        api.patch("applications/{id}") { request, context -> ApplicationDTO in
            let (record, office) = try await application(context)
            let user = try await access.requireRepresentative(context, officeID: office.id, action: "initiatives.application.update", target: "application \(record.id)")
            let body = try await request.decodeJSON(as: ApplicationBody.self, context: context)
            guard let updated = try await initiatives.updateApplication(id: record.id, body.merged(into: record.draft), by: user.id) else {
                throw APIError.notFound("application \(record.id)")
            }
            try await access.audit(user, action: "initiatives.application.update", target: "office \(office.id)", details: "application \(record.id)")
            return ApplicationDTO(updated, office: office, showContact: true)
        }
        api.delete("applications/{id}") { _, context -> Response in
            let (record, office) = try await application(context)
            let user = try await access.requireRepresentative(context, officeID: office.id, action: "initiatives.application.delete", target: "application \(record.id)")
            try await initiatives.deleteApplication(id: record.id)
            try await access.audit(user, action: "initiatives.application.delete", target: "office \(office.id)", details: "application \(record.id)")
            return Response(status: .noContent)
        }

        addSurveyRoutes(to: api)
    }

    // MARK: Helpers

    func office(_ context: AppRequestContext) async throws -> OfficeRecord {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let office = try await initiatives.office(id: id) else { throw APIError.notFound("office \(raw)") }
        return office
    }

    /// An office the caller may read: approved ones for everyone; others for administrators and the people who asked.
    func visibleOffice(_ context: AppRequestContext) async throws -> OfficeRecord {
        let office = try await office(context)
        if office.isApproved { return office }
        if let user = context.identity?.user {
            if user.role == .administrator { return office }
            if try await initiatives.representatives(officeID: office.id).contains(where: { $0.userID == user.id }) { return office }
        }
        throw APIError.notFound("office \(office.id)")
    }

    func application(_ context: AppRequestContext) async throws -> (ApplicationRecord, OfficeRecord) {
        let raw = try context.parameters.require("id")
        guard let id = Int64(raw), let record = try await initiatives.application(id: id),
              let office = try await initiatives.office(id: record.officeID)
        else { throw APIError.notFound("application \(raw)") }
        return (record, office)
    }

    /// The office with, for administrators and its representatives, who represents it; and its applications.
    func officeDTO(_ office: OfficeRecord, user: UserRecord?, details: Bool) async throws -> OfficeDTO {
        let speaks = try await access.speaksFor(user, officeID: office.id)
        var representatives: [RepresentativeDTO]? = nil
        let records = try await initiatives.representatives(officeID: office.id)
        if speaks || (user.map { user in records.contains { $0.userID == user.id } } ?? false) {
            var list: [RepresentativeDTO] = []
            for record in records { list.append(RepresentativeDTO(record, username: try await services.store.user(id: record.userID)?.username)) }
            representatives = list
        }
        let applications = try await initiatives.applications(officeID: office.id).map { ApplicationDTO($0, office: office, showContact: speaks) }
        return OfficeDTO(office, representatives: representatives, applications: details ? applications : nil)
    }
}

/// The index as open data: one row per application, texts in the requested language (else English).
enum InitiativeExport {
    static let columns = [
        "id", "office_id", "office", "country", "office_kind", "name", "description", "category", "status", "since", "technology",
        "contact_name", "contact_email", "link", "updated_at",
    ]

    static func table(_ entries: [IndexEntry], language: String) -> TableExport {
        var table = TableExport(name: "ai-initiatives", columns: columns)
        let formatter = ISO8601DateFormatter()
        for entry in entries {
            let draft = entry.application.draft
            table.append([
                "id": .string(String(entry.application.id)), "office_id": .string(String(entry.office.id)),
                "office": .string(entry.office.name.text(in: language)), "country": .string(entry.office.country),
                "office_kind": .string(entry.office.kind.rawValue), "name": .string(draft.name.text(in: language)),
                "description": .string(draft.description.text(in: language)), "category": .string(draft.category.rawValue),
                "status": .string(draft.status.rawValue), "since": .string(draft.since), "technology": .string(draft.technology),
                // The contact goes out only where the office chose to publish it.
                "contact_name": draft.contactPublic ? .string(draft.contactName) : .null,
                "contact_email": draft.contactPublic ? .string(draft.contactEmail) : .null,
                "link": .string(draft.link),
                "updated_at": .string(formatter.string(from: Date(milliseconds: entry.application.updatedAt))),
            ])
        }
        return table
    }
}
