/** JSON spellings of the research records that several packages write (checkpoints, reports). */
package io.vprop.research.json;
