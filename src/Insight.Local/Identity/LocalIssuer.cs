using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Insight.Local.Identity;

/// <summary>
/// The token issuer of a local run: it signs RS256 JWTs for any tenant and checks them the way API Gateway's JWT
/// authorizer does, so a local HTTP route refuses and admits exactly the requests the deployed one would. The RSA
/// key lives in a file readable by its owner only, so <c>insight token</c> in another process signs with the same key
/// the running local checks against.
/// </summary>
public sealed class LocalIssuer
{
    /// <summary>How far a token's times may be off the checker's clock: a few seconds, for processes on one machine.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    // Claims the issuer writes itself; a tenant claim of one of these names would be overwritten or ambiguous.
    private static readonly HashSet<string> RegisteredClaims = new(StringComparer.Ordinal) { "iss", "aud", "sub", "iat", "exp", "nbf", "scope", "scp", "jti" };

    private readonly RSA _key;
    private readonly string _keyId;
    private readonly Lock _keyLock = new();

    private LocalIssuer(RSA key, string issuerUrl, string audience)
    {
        _key = key;
        IssuerUrl = issuerUrl;
        Audience = audience;
        _keyId = Base64Url.EncodeToString(SHA256.HashData(key.ExportRSAPublicKey()))[..16];
    }

    /// <summary>The issuer URL, written as every token's <c>iss</c> claim.</summary>
    public string IssuerUrl { get; }

    /// <summary>The audience, written as every token's <c>aud</c> claim.</summary>
    public string Audience { get; }

    /// <summary>
    /// The issuer whose signing key is kept in <paramref name="keyFile"/>: read when the file exists, otherwise a new
    /// 2048-bit RSA key written there (PKCS#8 PEM, created readable and writable by its owner only).
    /// </summary>
    /// <param name="keyFile">The key's file; its folder is created when missing.</param>
    /// <param name="issuerUrl">The <c>iss</c> of the tokens it issues.</param>
    /// <param name="audience">The <c>aud</c> of the tokens it issues.</param>
    public static LocalIssuer LoadOrCreate(string keyFile, string issuerUrl, string audience)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyFile);
        ArgumentException.ThrowIfNullOrEmpty(issuerUrl);
        ArgumentException.ThrowIfNullOrEmpty(audience);

        var key = RSA.Create(2048);
        if (!File.Exists(keyFile))
        {
            WriteNewKeyFile(keyFile, key);
        }

        // Always read back: when another process created the file first, its key is the one every process shares
        // (read again briefly while that process may still be writing it).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(keyFile));
                break;
            }
            catch (ArgumentException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }

        return new LocalIssuer(key, issuerUrl, audience);
    }

    /// <summary>Signs a token for one tenant.</summary>
    /// <param name="tenantClaim">The claim that carries the tenant id (the service's <c>TenantClaim</c> parameter).</param>
    /// <param name="tenantId">The tenant the token is for.</param>
    /// <param name="scopes">The scopes granted, written space-separated into <c>scope</c> as API Gateway reads them.</param>
    /// <param name="lifetime">How long the token is valid from now.</param>
    /// <param name="subject">The <c>sub</c> claim.</param>
    /// <returns>The compact JWT (header.payload.signature).</returns>
    public string Issue(string tenantClaim, string tenantId, IReadOnlyList<string> scopes, TimeSpan lifetime, string subject = "local-user")
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantClaim);
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (RegisteredClaims.Contains(tenantClaim))
        {
            throw new ArgumentException($"The tenant claim cannot be '{tenantClaim}': the issuer writes that claim itself.", nameof(tenantClaim));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A token's lifetime must be positive.");
        }

        foreach (var scope in scopes)
        {
            if (string.IsNullOrEmpty(scope) || scope.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"Scope '{scope}' is empty or holds a space; scopes are written space-separated.", nameof(scopes));
            }
        }

        var issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Json(writer =>
        {
            writer.WriteString("alg", "RS256");
            writer.WriteString("typ", "JWT");
            writer.WriteString("kid", _keyId);
        });
        var payload = Json(writer =>
        {
            writer.WriteString("iss", IssuerUrl);
            writer.WriteString("aud", Audience);
            writer.WriteString("sub", subject);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("exp", issuedAt + (long)Math.Ceiling(lifetime.TotalSeconds));
            writer.WriteString("scope", string.Join(' ', scopes));
            writer.WriteString(tenantClaim, tenantId);
        });

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        byte[] signature;
        lock (_keyLock)
        {
            signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// Decides a request as API Gateway's JWT authorizer does: 401 when the token is missing, malformed, not signed by
    /// this issuer's key, expired (or not yet valid), or of another issuer or audience; 403 when it carries none of
    /// the route's required scopes; 200 otherwise.
    /// </summary>
    /// <param name="authorizationHeaderValue">The request's <c>Authorization</c> header, with or without the <c>Bearer</c> prefix.</param>
    /// <param name="expectedIssuer">The issuer the route's authorizer trusts.</param>
    /// <param name="audiences">The audiences the route's authorizer accepts; the token's <c>aud</c> must name one.</param>
    /// <param name="requiredScopes">The route's scopes; the token needs at least one of them. Empty: any valid token.</param>
    /// <param name="now">The clock the token's times are checked against.</param>
    public JwtCheck Check(string? authorizationHeaderValue, string expectedIssuer, IReadOnlyList<string> audiences, IReadOnlyList<string> requiredScopes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        ArgumentNullException.ThrowIfNull(requiredScopes);

        var token = authorizationHeaderValue?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return JwtCheck.Unauthorized("no Authorization header");
        }

        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            return JwtCheck.Unauthorized("the token is not a JWT (header.payload.signature)");
        }

        if (!TryDecodeJson(parts[0], out var header) || !TryDecodeJson(parts[1], out var payload))
        {
            return JwtCheck.Unauthorized("the token's header or payload is not base64url-encoded JSON");
        }

        using (header)
        using (payload)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return JwtCheck.Unauthorized("the token's header or payload is not a JSON object");
            }

            if (!header.RootElement.TryGetProperty("alg", out var algorithm) || algorithm.ValueKind != JsonValueKind.String || algorithm.GetString() != "RS256")
            {
                return JwtCheck.Unauthorized("the token is not signed with RS256");
            }

            if (!VerifySignature(parts[0] + "." + parts[1], parts[2]))
            {
                return JwtCheck.Unauthorized("the token's signature does not verify with the issuer's key");
            }

            var claims = payload.RootElement;
            if (StringClaim(claims, "iss") != expectedIssuer)
            {
                return JwtCheck.Unauthorized($"the token's issuer is not {expectedIssuer}");
            }

            if (!NamesAnAudience(claims, audiences))
            {
                return JwtCheck.Unauthorized("the token's audience is not one the route accepts");
            }

            var timeProblem = CheckTimes(claims, now);
            if (timeProblem is not null)
            {
                return JwtCheck.Unauthorized(timeProblem);
            }

            var scopes = ScopesOf(claims);
            var flattened = Flatten(claims);
            if (requiredScopes.Count > 0 && !requiredScopes.Any(scopes.Contains))
            {
                return new JwtCheck(403, $"the token has none of the scopes {string.Join(", ", requiredScopes)}", flattened, scopes);
            }

            return new JwtCheck(200, null, flattened, scopes);
        }
    }

    private static void WriteNewKeyFile(string keyFile, RSA key)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(keyFile));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(keyFile, options);
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            // Created by another process meanwhile.
        }
    }

    private bool VerifySignature(string signingInput, string encodedSignature)
    {
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(encodedSignature);
        }
        catch (FormatException)
        {
            return false;
        }

        lock (_keyLock)
        {
            return _key.VerifyData(Encoding.ASCII.GetBytes(signingInput), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    private static bool NamesAnAudience(JsonElement claims, IReadOnlyList<string> audiences)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => audiences.Contains(aud.GetString()!),
            JsonValueKind.Array => aud.EnumerateArray().Any(value => value.ValueKind == JsonValueKind.String && audiences.Contains(value.GetString()!)),
            _ => false,
        };
    }

    // API Gateway requires exp in the future, and nbf and iat (when present) not in the future.
    private static string? CheckTimes(JsonElement claims, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var skew = (long)ClockSkew.TotalSeconds;
        if (!TryNumericDate(claims, "exp", out var expires))
        {
            return "the token has no exp claim";
        }

        if (seconds >= expires + skew)
        {
            return "the token has expired";
        }

        if (TryNumericDate(claims, "nbf", out var notBefore) && seconds + skew < notBefore)
        {
            return "the token is not valid yet (nbf)";
        }

        if (TryNumericDate(claims, "iat", out var issuedAt) && seconds + skew < issuedAt)
        {
            return "the token was issued in the future (iat)";
        }

        return null;
    }

    private static bool TryNumericDate(JsonElement claims, string name, out long value)
    {
        value = 0;
        if (!claims.TryGetProperty(name, out var claim) || claim.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (claim.TryGetInt64(out value))
        {
            return true;
        }

        if (claim.TryGetDouble(out var fractional))
        {
            value = (long)Math.Floor(fractional);
            return true;
        }

        return false;
    }

    // API Gateway reads scopes from "scope" (space-separated) or "scp" (a list or a space-separated string).
    private static IReadOnlyList<string> ScopesOf(JsonElement claims)
    {
        foreach (var name in (string[])["scope", "scp"])
        {
            if (!claims.TryGetProperty(name, out var claim))
            {
                continue;
            }

            if (claim.ValueKind == JsonValueKind.String)
            {
                return claim.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }

            if (claim.ValueKind == JsonValueKind.Array)
            {
                return [.. claim.EnumerateArray().Where(value => value.ValueKind == JsonValueKind.String).Select(value => value.GetString()!)];
            }
        }

        return [];
    }

    // The claims as API Gateway hands them to a payload 2.0 integration: every value a string, lists as "[a b]".
    private static Dictionary<string, string> Flatten(JsonElement claims)
    {
        var flattened = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in claims.EnumerateObject())
        {
            flattened[claim.Name] = claim.Value.ValueKind switch
            {
                JsonValueKind.String => claim.Value.GetString()!,
                JsonValueKind.Array => "[" + string.Join(' ', claim.Value.EnumerateArray().Select(Text)) + "]",
                _ => claim.Value.GetRawText(),
            };
        }

        return flattened;

        static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    private static string? StringClaim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var claim) && claim.ValueKind == JsonValueKind.String ? claim.GetString() : null;

    private static bool TryDecodeJson(string encoded, out JsonDocument document)
    {
        document = null!;
        try
        {
            document = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            return true;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return false;
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>What <see cref="LocalIssuer.Check"/> decided about a request.</summary>
/// <param name="StatusCode">200 when the request may pass; 401 for a missing or invalid token; 403 for a valid token without a required scope.</param>
/// <param name="Reason">Why it was refused (for the local run's log, never sent to the caller), or null when it passes.</param>
/// <param name="Claims">The token's claims as API Gateway passes them on (every value a string), empty when the token was not valid.</param>
/// <param name="Scopes">The token's scopes, empty when the token was not valid.</param>
public sealed record JwtCheck(int StatusCode, string? Reason, IReadOnlyDictionary<string, string> Claims, IReadOnlyList<string> Scopes)
{
    internal static JwtCheck Unauthorized(string reason) =>
        new(401, reason, new Dictionary<string, string>(StringComparer.Ordinal), []);

    /// <summary>Whether the request may pass to the route's integration.</summary>
    public bool Allowed => StatusCode == 200;
}
