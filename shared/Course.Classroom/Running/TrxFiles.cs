using System.Xml.Linq;

namespace Course.Classroom.Running;

/// <summary>
/// Reads the .trx files that <c>dotnet test --logger trx</c> writes, one per test project. The format is
/// Visual Studio's: a UnitTest per test (with the assembly it lives in), a UnitTestResult per run.
/// </summary>
public static class TrxFiles
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TestOutcome> ReadAll(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).SelectMany(Read)]
            : [];

    public static IEnumerable<TestOutcome> Read(string path)
    {
        XDocument trx = XDocument.Load(path);
        var assemblies = trx.Descendants(Ns + "UnitTest").ToDictionary(
            test => (string)test.Attribute("id")!,
            test => (string?)test.Attribute("storage") ?? "unknown");
        foreach (XElement result in trx.Descendants(Ns + "UnitTestResult"))
        {
            string id = (string)result.Attribute("testId")!;
            XElement? error = result.Element(Ns + "Output")?.Element(Ns + "ErrorInfo");
            yield return new TestOutcome(
                assemblies.GetValueOrDefault(id, "unknown"),
                (string)result.Attribute("testName")!,
                ((string?)result.Attribute("outcome")) switch
                {
                    "Passed" => Verdict.Passed,
                    "Failed" or "Error" or "Timeout" or "Aborted" => Verdict.Failed,
                    "NotExecuted" => Verdict.Skipped,
                    _ => Verdict.NotRun,
                },
                TimeSpan.TryParse((string?)result.Attribute("duration"), System.Globalization.CultureInfo.InvariantCulture, out TimeSpan took) ? took : TimeSpan.Zero,
                ((string?)error?.Element(Ns + "Message") ?? (string?)result.Element(Ns + "Output")?.Element(Ns + "StdOut") ?? "").Trim());
        }
    }
}
