/**
 * Imports: years of history loaded from other systems' open data files (the normalised CSV of many cities' 311
 * requests, Open311 GeoReport JSON), and realistic requests generated in any number for benchmarks. Run from the
 * command line ({@code java -jar civic311.jar import FILE}); rows go to the requests module in COPY batches.
 *
 * <p>{@link org.civic311.imports.HistoryImport} is the module's API.
 */
@ApplicationModule(allowedDependencies = {"common", "catalog", "requests"})
@NullMarked
package org.civic311.imports;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
