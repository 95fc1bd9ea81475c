using System.Reflection;

namespace Pickling;

/// <summary>
/// One field of a registered record: its name on the wire and how to get and set it.
/// </summary>
/// <remarks>
/// The subclass below is generic in the field's type, so a <c>double</c> goes from the object to the
/// writer without being boxed: the reflection happens once, at registration, not on every value.
/// </remarks>
public abstract class RecordField(string name, Type valueType)
{
    public string Name { get; } = name;
    public Type ValueType { get; } = valueType;

    internal abstract void Write(PickleWriter writer, object record);
    internal abstract void Read(PickleReader reader, object record);

    internal static RecordField For<TRecord>(PropertyInfo property) where TRecord : class
    {
        Type fieldType = typeof(RecordField<,>).MakeGenericType(typeof(TRecord), property.PropertyType);
        Delegate getter = property.GetMethod!.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(TRecord), property.PropertyType));
        Delegate setter = property.SetMethod!.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(TRecord), property.PropertyType));
        return (RecordField)Activator.CreateInstance(fieldType, property.Name, getter, setter)!;
    }
}

internal sealed class RecordField<TRecord, TValue>(string name, Func<TRecord, TValue> get, Action<TRecord, TValue> set)
    : RecordField(name, typeof(TValue)) where TRecord : class
{
    internal override void Write(PickleWriter writer, object record) => writer.Write(get((TRecord)record));

    internal override void Read(PickleReader reader, object record)
    {
        TValue value = reader.Read<TValue>();
        long at = reader.Offset;
        try
        {
            set((TRecord)record, value);
        }
        catch (Exception e)
        {
            // A setter is the record author's code and may refuse a value (a negative score, say). The
            // value came from the stream, so for the caller this is bad input like any other.
            throw new PickleFormatException(at, $"{typeof(TRecord).Name}.{Name} refused the value: {e.Message}");
        }
    }
}
