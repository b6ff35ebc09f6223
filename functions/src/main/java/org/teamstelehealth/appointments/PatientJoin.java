package org.teamstelehealth.appointments;

/**
 * Which link a patient's join link leads to ({@code PATIENT_JOIN}).
 *
 * <ul>
 *   <li>{@link #TEAMS}: the meeting's {@code joinWebUrl}, as for the provider: Teams (app, or the browser where Teams
 *       offers it).
 *   <li>{@link #BROWSER}: the virtual appointment link Graph's {@code getVirtualAppointmentJoinWebUrl} gives, which
 *       joins from a phone's browser without the Teams app, into a waiting room. When Graph refuses it, the patient
 *       gets {@code joinWebUrl} and the admin status says why.
 * </ul>
 */
public enum PatientJoin { TEAMS, BROWSER }
