using System.Globalization;
using System.Text;

namespace Pickling;

/// <summary>
/// The <c>dis</c> listing, like Python's pickletools.dis: one line per opcode with its offset, its bytes,
/// its name and its decoded argument, indented by nesting. It needs no <see cref="TypeRegistry"/>: it
/// shows what a stream says without building anything, which makes it safe to run on a hostile stream.
/// It walks the stream with the same checks as the reader, so it stops at the same byte with the same
/// <see cref="PickleFormatException"/>, after writing every line before it.
/// </summary>
public sealed class Disassembler
{
    private const int BytesShown = 8;

    private readonly byte[] _data;
    private readonly PickleInput _input;
    private readonly TextWriter _output;
    private readonly List<(string Name, int FieldCount)> _types = [];
    private readonly List<string> _memo = [];
    private int _depth;

    private Disassembler(byte[] data, TextWriter output, PickleLimits limits)
    {
        _data = data;
        _input = new PickleInput(data);
        _input.StartMessage(limits);
        _output = output;
    }

    /// <summary>Writes the listing of <paramref name="data"/> to <paramref name="output"/>.</summary>
    /// <exception cref="PickleFormatException">The stream is malformed; the lines before the fault are written.</exception>
    public static void Write(byte[] data, TextWriter output, PickleLimits? limits = null)
    {
        var dis = new Disassembler(data, output, limits ?? PickleLimits.Default);
        dis.Run();
    }

    /// <summary>The listing as one string, for tests and docs.</summary>
    public static string ToText(byte[] data, PickleLimits? limits = null)
    {
        var text = new StringWriter { NewLine = "\n" };
        try
        {
            Write(data, text, limits);
        }
        catch (PickleFormatException e)
        {
            text.WriteLine($"error: {e.Message}");
        }
        return text.ToString();
    }

    private void Run()
    {
        if (_data.Length == 0) throw _input.Error("the stream is empty");
        long at = _input.Offset;
        if (_input.ReadByte() != (byte)Opcode.Proto) throw _input.Error("a stream must start with PROTO (0x80)", at);
        byte version = _input.ReadByte();
        Line(at, "PROTO", $"version {version}");
        if (version != PickleWriter.Version) throw _input.Error($"version {version} is not supported (only {PickleWriter.Version})", at + 1);
        Value();
        at = _input.Offset;
        if (_input.ReadByte() != (byte)Opcode.Stop) throw _input.Error("expected STOP after the value", at);
        Line(at, "STOP", "");
        if (!_input.AtEnd) throw _input.Error("extra bytes after STOP");
    }

    /// <summary>Lists one value, and returns a short description of it for the memo notes.</summary>
    private string Value()
    {
        long at = _input.Offset;
        byte op = _input.ReadByte();
        while (op == (byte)Opcode.Type)
        {
            TypeDeclaration(at);
            at = _input.Offset;
            op = _input.ReadByte();
        }
        switch ((Opcode)op)
        {
            case Opcode.None: Line(at, "NONE", ""); return "None";
            case Opcode.True: Line(at, "TRUE", ""); return "True";
            case Opcode.False: Line(at, "FALSE", ""); return "False";
            case Opcode.Int:
                Line(at, "INT", _input.ReadVarInt().ToString(CultureInfo.InvariantCulture));
                return "int";
            case Opcode.Float:
                Line(at, "FLOAT", _input.ReadDouble().ToString("R", CultureInfo.InvariantCulture));
                return "float";
            case Opcode.String:
                string text = ReadString();
                Line(at, "STRING", $"{Quote(text)} ({Plural(Encoding.UTF8.GetByteCount(text), "byte")})");
                return "string";
            case Opcode.Bytes:
                int length = _input.ReadLength(_input.Limits.MaxStringLength, "byte array length");
                _input.ReadSpan(length);
                Line(at, "BYTES", Plural(length, "byte"));
                return "bytes";
            case Opcode.List: return Container(at, "LIST", "item", "list", pairs: false);
            case Opcode.Dict: return Container(at, "DICT", "pair", "dict", pairs: true);
            case Opcode.Record: return Record(at);
            case Opcode.Get:
                ulong number = _input.ReadVarUInt();
                if (number >= (ulong)_memo.Count) throw _input.Error($"memo number {number} was never assigned", at);
                Line(at, "GET", $"memo {number}: the {_memo[(int)number]} again");
                return _memo[(int)number];
            default:
                throw _input.Error($"unexpected opcode {(Enum.IsDefined((Opcode)op) ? ((Opcode)op).ToString().ToUpperInvariant() : $"0x{op:x2}")}", at);
        }
    }

    private string Container(long at, string name, string unit, string kind, bool pairs)
    {
        int count = _input.ReadLength(_input.Limits.MaxCollectionLength, pairs ? "dictionary length" : "list length");
        if (count > _input.KnownRemaining / (pairs ? 2 : 1)) throw _input.Error($"a {kind} of {count} {unit}s cannot fit in the bytes left", at);
        int memo = _memo.Count;
        _memo.Add(kind);
        Line(at, name, $"{Plural(count, unit)} -> memo {memo}");
        Enter(at);
        for (int i = 0; i < count; i++)
        {
            Value();
            if (pairs) Value();
        }
        _depth--;
        return kind;
    }

    private string Record(long at)
    {
        ulong number = _input.ReadVarUInt();
        if (number >= (ulong)_types.Count) throw _input.Error($"type number {number} was never declared", at);
        (string name, int fieldCount) = _types[(int)number];
        int memo = _memo.Count;
        _memo.Add(name);
        Line(at, "RECORD", $"type {number} {name} -> memo {memo}");
        Enter(at);
        for (int i = 0; i < fieldCount; i++) Value();
        _depth--;
        return name;
    }

    private void TypeDeclaration(long at)
    {
        if (_types.Count >= _input.Limits.MaxTypes) throw _input.Error($"more than {_input.Limits.MaxTypes} record types", at);
        string name = ReadString();
        // No registry here, so no allow-list check: dis only prints, it never builds.
        int count = _input.ReadLength(PickleReader.MaxFields, $"field count of '{name}'");
        var fields = new string[count];
        for (int i = 0; i < count; i++) fields[i] = ReadString();
        Line(at, "TYPE", $"type {_types.Count} = {name}({string.Join(", ", fields)})");
        _types.Add((name, count));
    }

    private string ReadString()
    {
        int length = _input.ReadLength(_input.Limits.MaxStringLength, "string length");
        long at = _input.Offset;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_input.ReadSpan(length));
        }
        catch (DecoderFallbackException)
        {
            throw _input.Error("the string is not valid UTF-8", at);
        }
    }

    private void Enter(long at)
    {
        if (++_depth > _input.Limits.MaxDepth) throw _input.Error($"nested deeper than {_input.Limits.MaxDepth} levels", at);
    }

    private void Line(long at, string name, string argument)
    {
        int length = (int)(_input.Offset - at);
        string hex = Convert.ToHexString(_data, (int)at, Math.Min(length, BytesShown)).ToLowerInvariant();
        var spaced = new StringBuilder();
        for (int i = 0; i < hex.Length; i += 2) spaced.Append(i == 0 ? "" : " ").Append(hex, i, 2);
        if (length > BytesShown) spaced.Append(" ..");
        string indent = new(' ', 2 * _depth);
        _output.WriteLine($"{at,6}: {spaced,-26} {indent}{name,-7}{argument}".TrimEnd());
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    private static string Quote(string text)
    {
        const int MaxShown = 40;
        var quoted = new StringBuilder("'");
        foreach (char c in text.Length > MaxShown ? text[..MaxShown] : text)
            quoted.Append(c switch
            {
                '\'' => "\\'",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return quoted.Append(text.Length > MaxShown ? "'..." : "'").ToString();
    }
}
