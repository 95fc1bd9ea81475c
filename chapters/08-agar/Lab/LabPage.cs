using System.Reflection;

namespace Agar.Lab;

/// <summary>The lab's page and its script (Lab/Web/), built into the program, so the lab works offline and is one file to run.</summary>
public static class LabPage
{
    public static string Html { get; } = Load("Agar.Lab.index.html");
    public static string Script { get; } = Load("Agar.Lab.lab.js");

    private static string Load(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                              ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
