// The benchmark's data set: the User records of the Node benchmarks.
export { userSchema, makeUsers, avscLogicalTypes } from '../../../bench/users.mjs';
