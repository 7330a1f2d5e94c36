/// The OpenAPI 3.1 document of the control API (`openapi.json` beside this file), compiled into
/// the binary so the daemon can serve it at ``Route/openAPI``.
public enum OpenAPIDocument {
    public static var bytes: [UInt8] { PackageResources.openapi_json }
}
