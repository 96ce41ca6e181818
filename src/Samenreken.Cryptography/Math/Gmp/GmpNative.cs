using System.Runtime.InteropServices;

namespace Samenreken.Cryptography.Math.Gmp;

/// <summary>P/Invoke declarations for Debian's libgmp10 (the mpz_* macros name the __gmpz_* symbols).</summary>
internal static partial class GmpNative
{
    public const string Library = "libgmp.so.10";

    /// <summary>sizeof(mpz_t) on LP64: int _mp_alloc, int _mp_size, mp_limb_t* _mp_d.</summary>
    public const int MpzSize = 16;

    [LibraryImport(Library, EntryPoint = "__gmpz_init2")]
    public static partial void Init2(nint rop, nuint bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_clear")]
    public static partial void Clear(nint rop);

    [LibraryImport(Library, EntryPoint = "__gmpz_set")]
    public static partial void Set(GmpHandle rop, GmpHandle op);

    [LibraryImport(Library, EntryPoint = "__gmpz_set_si")]
    public static partial void SetSi(GmpHandle rop, nint value);

    [LibraryImport(Library, EntryPoint = "__gmpz_import")]
    public static unsafe partial void Import(GmpHandle rop, nuint count, int order, nuint size, int endian, nuint nails, byte* op);

    [LibraryImport(Library, EntryPoint = "__gmpz_export")]
    public static unsafe partial nint Export(byte* rop, out nuint count, int order, nuint size, int endian, nuint nails, GmpHandle op);

    [LibraryImport(Library, EntryPoint = "__gmpz_sizeinbase")]
    public static partial nuint SizeInBase(GmpHandle op, int @base);

    [LibraryImport(Library, EntryPoint = "__gmpz_cmp")]
    public static partial int Cmp(GmpHandle op1, GmpHandle op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_add")]
    public static partial void Add(GmpHandle rop, GmpHandle op1, GmpHandle op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_sub")]
    public static partial void Sub(GmpHandle rop, GmpHandle op1, GmpHandle op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul")]
    public static partial void Mul(GmpHandle rop, GmpHandle op1, GmpHandle op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_q")]
    public static partial void FdivQ(GmpHandle q, GmpHandle n, GmpHandle d);

    [LibraryImport(Library, EntryPoint = "__gmpz_mod")]
    public static partial void Mod(GmpHandle r, GmpHandle n, GmpHandle d);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_ui")]
    public static partial nuint FdivUi(GmpHandle n, nuint d);

    [LibraryImport(Library, EntryPoint = "__gmpz_powm")]
    public static partial void Powm(GmpHandle rop, GmpHandle @base, GmpHandle exp, GmpHandle mod);

    [LibraryImport(Library, EntryPoint = "__gmpz_powm_sec")]
    public static partial void PowmSec(GmpHandle rop, GmpHandle @base, GmpHandle exp, GmpHandle mod);

    [LibraryImport(Library, EntryPoint = "__gmpz_invert")]
    public static partial int Invert(GmpHandle rop, GmpHandle op1, GmpHandle op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_gcd")]
    public static partial void Gcd(GmpHandle rop, GmpHandle op1, GmpHandle op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul_2exp")]
    public static partial void Mul2Exp(GmpHandle rop, GmpHandle op, nuint bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_q_2exp")]
    public static partial void FdivQ2Exp(GmpHandle rop, GmpHandle op, nuint bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_r_2exp")]
    public static partial void FdivR2Exp(GmpHandle rop, GmpHandle op, nuint bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_tstbit")]
    public static partial int TstBit(GmpHandle op, nuint bit);

    [LibraryImport(Library, EntryPoint = "__gmpz_perfect_power_p")]
    public static partial int PerfectPowerP(GmpHandle op);

    // Raw-pointer twins for hot loops that hold their handles themselves (DangerousAddRef once per loop instead of
    // the marshaller's add-ref and release per call), and for read-only views into a table block.
    [LibraryImport(Library, EntryPoint = "__gmpz_mul")]
    public static partial void Mul(nint rop, nint op1, nint op2);

    [LibraryImport(Library, EntryPoint = "__gmpz_mod")]
    public static partial void Mod(nint r, nint n, nint d);

    [LibraryImport(Library, EntryPoint = "__gmpz_set")]
    public static partial void Set(nint rop, nint op);

    [LibraryImport(Library, EntryPoint = "__gmpz_set_si")]
    public static partial void SetSi(nint rop, nint value);
}
