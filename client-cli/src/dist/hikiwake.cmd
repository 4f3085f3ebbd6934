@echo off
rem hikiwake.cmd: the students' launcher for Windows (Command Prompt, PowerShell, Windows Terminal).
rem
rem Finds Java 17 or newer (JAVA_HOME first, then the PATH) and runs lib\hikiwake-client.jar next
rem to this file. The first run with a given Java also records which classes the client loads into
rem a class-data-sharing archive in %LOCALAPPDATA%\hikiwake\cds; later runs start faster with it.
rem
rem   hikiwake play                 asks for the server and the game code
rem   hikiwake play CODE --server tls://HOST:7430
rem   hikiwake --help
rem
rem Environment: JAVA_HOME (the Java to use), HIKIWAKE_JAVA_OPTS (more JVM options),
rem HIKIWAKE_CDS=0 (no class-data-sharing archive).
rem
rem Written with goto rather than ( ) blocks: a Java installed under "C:\Program Files (x86)"
rem would end a block early.
setlocal EnableExtensions DisableDelayedExpansion

set "HW_JAR=%~dp0lib\hikiwake-client.jar"
if exist "%HW_JAR%" goto :findJava
echo hikiwake: cannot find "%HW_JAR%". 1>&2
echo hikiwake: unpack the whole hikiwake-client zip again; keep the lib folder next to hikiwake.cmd. 1>&2
exit /b 7

:findJava
set "HW_JAVA="
if not defined JAVA_HOME goto :onPath
if exist "%JAVA_HOME%\bin\java.exe" set "HW_JAVA=%JAVA_HOME%\bin\java.exe"
if defined HW_JAVA goto :haveJava
echo hikiwake: JAVA_HOME is set to "%JAVA_HOME%", but there is no bin\java.exe in it; 1>&2
echo hikiwake: looking for java on the PATH instead (fix or remove JAVA_HOME to silence this). 1>&2
:onPath
for %%J in (java.exe) do set "HW_JAVA=%%~$PATH:J"
if defined HW_JAVA goto :haveJava
set "HW_WHY=no java command: JAVA_HOME is not set to a Java and there is no java on the PATH."
goto :noJava

:haveJava
rem The JVM options of a short-lived, mostly idle client: start fast, stay small.
set "HW_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:CICompilerCount=1"
set "HW_CDS="
if "%HIKIWAKE_CDS%"=="0" goto :checkVersion
if not defined LOCALAPPDATA goto :checkVersion
rem The archive belongs to one jar and one Java: its name comes from both files' sizes and times.
for %%F in ("%HW_JAR%") do set "HW_KEY=%%~zF-%%~tF"
for %%F in ("%HW_JAVA%") do set "HW_KEY=%HW_KEY%-%%~zF-%%~tF"
set "HW_KEY=%HW_KEY::=%"
set "HW_KEY=%HW_KEY:/=%"
set "HW_KEY=%HW_KEY:\=%"
set "HW_KEY=%HW_KEY: =%"
set "HW_CDS=%LOCALAPPDATA%\hikiwake\cds"
if not exist "%HW_CDS%\%HW_KEY%.jsa" goto :checkVersion
"%HW_JAVA%" %HW_OPTS% -Xshare:auto "-XX:SharedArchiveFile=%HW_CDS%\%HW_KEY%.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off %HIKIWAKE_JAVA_OPTS% -jar "%HW_JAR%" %*
exit /b %ERRORLEVEL%

:checkVersion
rem First run with this Java: check its version (the archive's presence vouches for it later).
set "HW_VER="
for /f "tokens=3" %%V in ('call "%HW_JAVA%" -version 2^>^&1 ^| findstr /i /c:"version"') do if not defined HW_VER set "HW_VER=%%~V"
if not defined HW_VER goto :unknownVersion
set "HW_MAJOR="
set "HW_MAJOR_N="
for /f "tokens=1,2 delims=.-_+" %%A in ("%HW_VER%") do set "HW_MAJOR=%%A" & if "%%A"=="1" set "HW_MAJOR=%%B"
set /a HW_MAJOR_N=%HW_MAJOR% 2>nul
if "%HW_MAJOR_N%"=="" goto :unknownVersion
if %HW_MAJOR_N% GEQ 17 goto :run
set "HW_WHY=%HW_JAVA% is Java %HW_VER%, which is too old."
goto :noJava

:unknownVersion
set "HW_WHY='%HW_JAVA% -version' did not say which Java it is."
goto :noJava

:run
if not defined HW_CDS goto :runPlain
if not exist "%HW_CDS%" mkdir "%HW_CDS%" 2>nul
if not exist "%HW_CDS%" goto :runPlain
rem Run once while recording the archive, then move it into place; a run that fails to make one
rem leaves none, and the next run tries again.
set "HW_TMP=%HW_CDS%\%HW_KEY%.%RANDOM%.tmp"
"%HW_JAVA%" %HW_OPTS% "-XX:ArchiveClassesAtExit=%HW_TMP%" -Xlog:cds=off -Xlog:cds+dynamic=off %HIKIWAKE_JAVA_OPTS% -jar "%HW_JAR%" %*
set "HW_STATUS=%ERRORLEVEL%"
if exist "%HW_TMP%" move /y "%HW_TMP%" "%HW_CDS%\%HW_KEY%.jsa" >nul 2>nul
if exist "%HW_TMP%" del /q "%HW_TMP%" >nul 2>nul
exit /b %HW_STATUS%

:runPlain
"%HW_JAVA%" %HW_OPTS% %HIKIWAKE_JAVA_OPTS% -jar "%HW_JAR%" %*
exit /b %ERRORLEVEL%

:noJava
echo hikiwake: %HW_WHY% 1>&2
echo hikiwake needs Java 17 or newer, and none was found. 1>&2
echo Install a Java 17 or newer, for example Eclipse Temurin 21 (LTS) from https://adoptium.net: 1>&2
echo take the Windows .msi installer and, in it, turn on "Set JAVA_HOME variable" and "Add to PATH". 1>&2
echo Then open a new Command Prompt or PowerShell window and run hikiwake again. 1>&2
echo If a Java 17 or newer is installed already, set JAVA_HOME to its folder. 1>&2
exit /b 7
