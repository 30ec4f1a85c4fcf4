/**
 * ZAB's wire vocabulary: the messages ({@link io.synod.zab.message.ZabMessage}), the zxid
 * ({@link io.synod.zab.message.Zxid}) and peer states. Public so that codecs and tools can name
 * them; the protocol itself lives in {@code io.synod.zab}.
 */
package io.synod.zab.message;
