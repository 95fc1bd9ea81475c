using System.Reflection;

namespace Pickling;

/// <summary>
/// One field of a registered record: its name on the wire and how to set it on its own.
/// </summary>
/// <remarks>
/// Records are normally written and read whole, by the methods <see cref="RecordCompiler"/> builds for
/// their type. This one-field path is for a stream whose TYPE lists the fields in another order, or only
/// some of them (a stream written by another version of the program): the reader then sets the fields
/// one by one, in the stream's order. The subclass is generic in the field's type, so a <c>double</c>
/// goes from the reader to the record without being boxed.
/// </remarks>
public abstract class RecordField(string name, Type valueType)
{
    public string Name { get; } = name;
    public Type ValueType { get; } = valueType;

    internal abstract void Read(PickleReader reader, object record);

    internal static RecordField For<TRecord>(PropertyInfo property) where TRecord : class
    {
        Type fieldType = typeof(RecordField<,>).MakeGenericType(typeof(TRecord), property.PropertyType);
        Delegate setter = property.SetMethod!.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(TRecord), property.PropertyType));
        return (RecordField)Activator.CreateInstance(fieldType, property.Name, setter)!;
    }
}

internal sealed class RecordField<TRecord, TValue>(string name, Action<TRecord, TValue> set)
    : RecordField(name, typeof(TValue)) where TRecord : class
{
    internal override void Read(PickleReader reader, object record)
    {
        TValue value = reader.Read<TValue>();
        try
        {
            set((TRecord)record, value);
        }
        catch (Exception e)
        {
            throw reader.Refused(typeof(TRecord).Name, Name, e);
        }
    }
}
