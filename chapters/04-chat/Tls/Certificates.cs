using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Course.Cli;

namespace Chat;

/// <summary>
/// The server's TLS certificate: made fresh at start (self-signed, for this machine), or loaded from a
/// PKCS#12 file. Nobody vouches for a self-signed certificate, so clients check its fingerprint instead:
/// the server prints it, and the user gives it to the client (like the SSH "known host" question).
/// </summary>
public static class Certificates
{
    public static X509Certificate2 CreateSelfSigned(string hostName = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        // Round-trip through PKCS#12: on Windows, SslStream cannot use a key that exists only in memory.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new UserError($"certificate file '{path}' does not exist.");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new UserError($"cannot read certificate '{path}' (a PKCS#12 .pfx file, with --cert-password if it has one): {e.Message}", inner: e);
        }
    }

    /// <summary>The SHA-256 of the certificate, as colon-separated hex: what a client compares.</summary>
    public static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    /// <summary>Whether <paramref name="typed"/> (with or without colons, any case) is this certificate's fingerprint.</summary>
    public static bool Matches(X509Certificate certificate, string typed) =>
        string.Equals(Fingerprint(certificate).Replace(":", ""), typed.Replace(":", "").Trim(), StringComparison.OrdinalIgnoreCase);
}
