/**
 * Codec fuzzing for every protocol module: {@link io.synod.testkit.codec.FuzzFrames} makes bad
 * frames out of a codec's valid ones, and {@link io.synod.testkit.codec.CodecFuzz} judges each by
 * four named checks — a clean refusal or a message, bounded allocation, nothing read outside the
 * frame, and an exact re-encoding. Free of any property-testing library: tests bring their own
 * generators of valid messages and a seed.
 */
package io.synod.testkit.codec;
