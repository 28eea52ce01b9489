// Exact type equality for the type tests: Equal<A, B> is true only when A
// and B are the same type (not merely assignable).
export type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Compiles only when T is true: expectType<Equal<typeof x, number>>(). */
export function expectType<T extends true>(): void {}

export declare const bytes: Uint8Array;
