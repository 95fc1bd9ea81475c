using System.Globalization;
using Course.Cli;
using Pickling;

namespace Serializer;

/// <summary>Where the dis verb's bytes come from: an example, hex digits, a file, or standard input.</summary>
internal static class Input
{
    public static byte[] Read(string? file, string? example, string? hex)
    {
        int given = (file is null ? 0 : 1) + (example is null ? 0 : 1) + (hex is null ? 0 : 1);
        if (given != 1) throw new UserError("give exactly one of: a file, '-' for standard input, --example NAME, --hex DIGITS", ExitCodes.Usage);
        if (example is not null) return Examples.Bytes(example);
        if (hex is not null) return FromHex(hex);
        try
        {
            using Stream stream = file == "-" ? Console.OpenStandardInput() : File.OpenRead(file!);
            return ReadAtMost(stream, PickleLimits.Default.MaxBytes);
        }
        catch (IOException e)
        {
            throw new UserError($"cannot read '{file}': {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserError($"cannot read '{file}': {e.Message}");
        }
    }

    private static byte[] FromHex(string hex)
    {
        string digits = string.Concat(hex.Where(c => !char.IsWhiteSpace(c)));
        if (digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
            throw new UserError("--hex takes pairs of hex digits, e.g. \"80 01 49 54 2e\"", ExitCodes.Usage);
        return Enumerable.Range(0, digits.Length / 2)
            .Select(i => byte.Parse(digits.AsSpan(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A file bigger than the format's size limit is refused without reading it all.</summary>
    private static byte[] ReadAtMost(Stream stream, long limit)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limit) throw new UserError($"the input is larger than the format's limit of {limit} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
